import contextlib

from django import template
from django.conf import settings

from comments.models import Comment
from core import page_cache
from posts import browsing

register = template.Library()
MONTHS_SHOWN = 12
LATEST_COMMENTS = 5


@register.inclusion_tag("_list_widgets.html")
def list_widgets():
    """WordPress's sidebar widgets for the listing pages: categories, the last twelve
    months and the latest approved comments. Listing pages are the ones every new post
    and every approved comment invalidates (the ``lists`` tag), so these never go stale;
    a post's own page links to the full indexes instead. Their data is cached under the
    tag's version, so a listing page rendered again after an unrelated change does not
    count them again."""
    version = page_cache.current_version(page_cache.LISTS)
    cache = page_cache.get_cache()
    key = f"widgets:{version}"
    found = None
    if version:
        with contextlib.suppress(Exception):
            found = cache.get(key)
    if found is None:
        found = {
            "categories": list(browsing.categories_with_counts()),
            "months": list(browsing.months_with_counts()[:MONTHS_SHOWN]),
            "latest_comments": list(Comment.objects.public().select_related("post")
                                    .order_by("-submitted_at")[:LATEST_COMMENTS]),
        }
        if version:
            with contextlib.suppress(Exception):
                cache.set(key, found, settings.PAGE_CACHE_SECONDS)
    return found
