from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from comments.models import Comment
from core import fragments, page_cache
from posts import browsing

register = template.Library()
TEMPLATE = "_list_widgets.html"
MONTHS_SHOWN = 12
LATEST_COMMENTS = 5


def _render():
    return render_to_string(TEMPLATE, {
        "categories": list(browsing.categories_with_counts()),
        "months": list(browsing.months_with_counts()[:MONTHS_SHOWN]),
        "latest_comments": list(Comment.objects.public().select_related("post", "page")
                                .order_by("-submitted_at")[:LATEST_COMMENTS]),
    })


@register.simple_tag
def list_widgets():
    """WordPress's sidebar widgets for the listing pages: categories, the last twelve
    months and the latest approved comments. Listing pages are the ones every new post
    and every approved comment invalidates (the ``lists`` tag), so these never go stale;
    a post's own page links to the full indexes instead. They are rendered once per
    version of that tag (``core.fragments``), for every listing page to reuse."""
    name = f"widgets:{fragments.release(TEMPLATE)}"
    return mark_safe(fragments.by_version(page_cache.LISTS, name, _render))
