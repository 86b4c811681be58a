"""When a post goes to the fediverse: the rule in one place.

A post is sent (``Create``) when it becomes public, now or at its time; an edit of a
public post is sent as ``Update``; a public post unpublished or deleted is withdrawn
(``Delete``). Imported posts and posts of a site with the fediverse off are never
sent. The tasks check again when they run, so a post unpublished before its time
is not sent.

The blog's own answer to a reply from the fediverse (a comment by the site's staff
under it, from the admin's "reply" or the post's form) goes back there as a ``Note``
when it becomes public, and is withdrawn when it stops being public.
"""

from django.conf import settings

from comments.models import Comment
from posts.models import Post

from .models import RemoteActor


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


def is_answer(comment):
    """Whether ``comment`` is the blog's answer to a reply from the fediverse."""
    return (enabled() and comment.user_id is not None and comment.parent_id is not None
            and comment.parent.kind == Comment.Kind.FEDIVERSE and bool(comment.parent.remote_id))


def answer_change(state_before, comment):
    """``"create"``, ``"delete"`` or ``None`` for a save of ``comment``."""
    if not is_answer(comment):
        return None
    was = bool(state_before) and Comment.counts_as_approved(state_before)
    now = Comment.counts_as_approved(comment.state_now())
    return "create" if now and not was else "delete" if was and not now else None


def replied_to(comment):
    """The account whose reply ``comment`` answers: the reply keeps its writer's profile
    address, which their actor was stored with."""
    return RemoteActor.objects.filter(profile_url=comment.parent.author_url).first()
