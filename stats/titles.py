"""Which counted addresses are pages of this site, and what they are called."""

from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from pages.models import FrontPage, Page
from posts.models import Post

LISTINGS = {"posts:home", "posts:home-page", "posts:press", "posts:archive-index",
            "posts:category-index", "posts:category", "posts:category-page", "posts:tag",
            "posts:tag-page", "posts:year", "posts:month", "posts:day"}


def title_of(path):
    """The title of the public post or page at ``path``, a name for a listing, or ``None``
    when ``path`` is not a public page of this site (the admin, a feed, a made-up address)."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.view_name == "posts:detail":
        return (Post.objects.published().filter(slug=match.kwargs["slug"])
                .values_list("title", flat=True).first())
    if match.view_name == "pages:detail":
        return (Page.objects.published().filter(slug=match.kwargs["slug"])
                .values_list("title", flat=True).first())
    if path == "/" and FrontPage.ids()[0]:
        return Page.objects.filter(pk=FrontPage.ids()[0]).values_list("title", flat=True).first()
    if match.view_name in LISTINGS:
        return _("The front page") if path == "/" else path
    return None
