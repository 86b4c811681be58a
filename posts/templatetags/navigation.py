from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from core import fragments, page_cache

register = template.Library()
TEMPLATE = "posts/_navigation.html"


@register.simple_tag
def post_navigation(post):
    """The links to the posts just before and after a public ``post``. Every change to a
    public post (its title, its time, its publication) changes the lists (the ``lists``
    tag), and only such a change or a scheduled post's time moves these links, so they
    are read and rendered once per version of that tag (``core.fragments``)."""

    def render():
        older, newer = post.neighbours()
        return render_to_string(TEMPLATE, {"older": older, "newer": newer})

    name = f"navigation:{fragments.release(TEMPLATE)}:{post.pk}"
    return mark_safe(fragments.by_version(page_cache.LISTS, name, render))
