"""What readers browse by beside the posts: categories and months, with their post counts.

Both count published posts only (``Post.objects.published()``), in one query each,
and are shown on the listing pages and their own index pages (all tagged ``lists``
in the page cache, which every publication invalidates).
"""

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from .models import Category, Post


def categories_with_counts():
    public = Q(posts__status=Post.Status.PUBLISHED, posts__published_at__lte=timezone.now())
    return (Category.objects.annotate(post_count=Count("posts", filter=public))
            .filter(post_count__gt=0).order_by("name"))


def months_with_counts():
    """Rows of ``month`` (the first moment of a local month) and ``post_count``, newest first."""
    return (Post.objects.published().annotate(month=TruncMonth("published_at"))
            .values("month").annotate(post_count=Count("id")).order_by("-month"))
