"""Each post's number of approved comments, stored on the post like WordPress does.

List pages show the count for every post; storing it avoids joining and
grouping the comments table for every listing. It is recounted with one
``UPDATE … SET comment_count = (SELECT COUNT …)``, so concurrent changes
cannot leave it off by one.
"""

import threading
from contextlib import contextmanager

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from posts.models import Post

from .models import Comment

_batch = threading.local()


@contextmanager
def batched():
    """Recount each touched post once at the end instead of after every comment."""
    _batch.ids = set()
    try:
        yield
    finally:
        ids, _batch.ids = _batch.ids, None
        if ids:
            refresh(ids)


def refresh(post_ids):
    pending = getattr(_batch, "ids", None)
    if pending is not None:
        pending.update(post_ids)
        return
    approved = (
        Comment.objects.approved().filter(post=OuterRef("pk"))
        .order_by().values("post").annotate(n=Count("pk")).values("n")
    )
    Post.objects.filter(pk__in=list(post_ids)).update(
        comment_count=Coalesce(Subquery(approved, output_field=IntegerField()), 0)
    )
