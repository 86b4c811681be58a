"""What a comment is written under: a post or a standing page.

WordPress lets pages take comments as posts do, and a blog moving here brings
those threads along. A comment points at one or the other (``Comment.post`` or
``Comment.page``; a check constraint keeps exactly one set), and the few places
that must tell the two apart ask this module, so the form, the thread, the
moderation rules, the counts and the feeds stay one code path.
"""

from django.urls import reverse

from pages.models import Page
from posts.models import Post

MODELS = {"post": Post, "page": Page}


def field(target) -> str:
    """The comment field that points at ``target``: ``"post"`` or ``"page"``."""
    return "page" if isinstance(target, Page) else "post"


def of(target) -> dict:
    """Filter arguments for the comments under ``target``."""
    return {field(target): target}


def is_under(comment, target) -> bool:
    """Whether ``comment`` was written under ``target``, read from its id alone."""
    return getattr(comment, f"{field(target)}_id") == target.pk


def published(kind):
    """The public posts or pages: what may be commented on and shown in feeds."""
    return MODELS[kind].objects.published()


def form_action(target) -> str:
    return reverse(f"comments:{field(target)}", args=[target.pk])


def opened_at(target):
    """Where "close comments after N days" counts from: a post's publication, a page's
    creation (pages carry no date of their own)."""
    return target.published_at if isinstance(target, Post) else target.created_at
