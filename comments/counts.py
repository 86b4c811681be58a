"""Each post's number of approved comments, stored on the post like WordPress does.

List pages show the count for every post; storing it avoids joining and
grouping the comments table for every listing. It is recounted with one
``UPDATE … SET comment_count = (SELECT COUNT …)``, so concurrent changes
cannot leave it off by one.
"""

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from core.batching import Deferred
from posts.models import Post

from .models import Comment


def refresh(post_ids):
    if _deferred.absorb(post_ids):
        return
    approved = (
        Comment.objects.approved().filter(post=OuterRef("pk"))
        .order_by().values("post").annotate(n=Count("pk")).values("n")
    )
    Post.objects.filter(pk__in=list(post_ids)).update(
        comment_count=Coalesce(Subquery(approved, output_field=IntegerField()), 0)
    )


_deferred = Deferred(refresh)
batched = _deferred.batched
