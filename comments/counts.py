"""Each post's and page's number of approved comments, stored on it like WordPress does.

List pages show the count for every post; storing it avoids joining and
grouping the comments table for every listing. It is recounted with one
``UPDATE … SET comment_count = (SELECT COUNT …)``, so concurrent changes
cannot leave it off by one.
"""

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from core.batching import Deferred

from . import targets
from .models import Comment


def refresh(post_ids=(), page_ids=()):
    """Recount the posts ``post_ids`` and the pages ``page_ids``."""
    if _deferred.absorb([("post", pk) for pk in post_ids] + [("page", pk) for pk in page_ids]):
        return
    _recount("post", post_ids)
    _recount("page", page_ids)


def _recount(kind, ids):
    ids = [pk for pk in ids if pk is not None]
    if not ids:
        return
    approved = (
        Comment.objects.approved().filter(**{kind: OuterRef("pk")})
        .order_by().values(kind).annotate(n=Count("pk")).values("n")
    )
    targets.MODELS[kind].objects.filter(pk__in=ids).update(
        comment_count=Coalesce(Subquery(approved, output_field=IntegerField()), 0)
    )


def _refresh_absorbed(keys):
    refresh(post_ids=[pk for kind, pk in keys if kind == "post"],
            page_ids=[pk for kind, pk in keys if kind == "page"])


_deferred = Deferred(_refresh_absorbed)
batched = _deferred.batched
