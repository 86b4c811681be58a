from django import template

from comments.models import Comment
from posts import browsing

register = template.Library()
MONTHS_SHOWN = 12
LATEST_COMMENTS = 5


@register.inclusion_tag("_list_widgets.html")
def list_widgets():
    """WordPress's sidebar widgets for the listing pages: categories, the last twelve
    months and the latest approved comments. Listing pages are the ones every new post
    and every approved comment invalidates, so these never go stale; a post's own page
    links to the full indexes instead."""
    return {
        "categories": browsing.categories_with_counts(),
        "months": browsing.months_with_counts()[:MONTHS_SHOWN],
        "latest_comments": Comment.objects.public().select_related("post")
        .order_by("-submitted_at")[:LATEST_COMMENTS],
    }
