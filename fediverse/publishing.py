"""When a post goes to the fediverse: the rule in one place.

A post is sent (``Create``) when it becomes public, now or at its time; an edit of a
public post is sent as ``Update``; a public post unpublished or deleted is withdrawn
(``Delete``). Imported posts and posts of a site with the fediverse off are never
sent. The tasks check again when they run, so a post unpublished before its time
is not sent.
"""

from django.conf import settings

from posts.models import Post


def enabled():
    return settings.FEDIVERSE_ENABLED


def federates(post):
    return enabled() and post.is_public and not post.import_ref


def change(state_before, post):
    """``"create"``, ``"update"``, ``"delete"`` or ``None`` for a save of ``post``."""
    if not enabled() or post.import_ref:
        return None
    was = (Post.publication_state(state_before["status"], state_before["published_at"])
           if state_before else Post.State.DRAFT)
    now = post.state
    if was == Post.State.DRAFT and now != Post.State.DRAFT:
        return "create"
    if was == Post.State.PUBLISHED and now == Post.State.PUBLISHED:
        return "update"
    if was == Post.State.PUBLISHED and now == Post.State.DRAFT:
        return "delete"
    return None
