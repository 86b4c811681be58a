"""The thread and the blank reply form of a post page, rendered once for what they show.

An approved comment invalidates its post's page, yet every other comment on it
looks as it did. A comment's HTML is a pure function of what it shows, so it is
kept (``core.fragments``) under a digest of exactly that, as the post cards are;
the whole list is kept the same way under a digest of its comments' digests and
its shape. A page rendered again reads the list in one cache hit; after a new
comment, the list is put together from the kept comments and the one new one.
Nothing has to be invalidated: what changed gets a new key.

The blank form a visitor without cookies sees differs between pages only in its
post and its signed timestamp, which must be fresh on every page (it dates the
form for the spam rules): it is kept with a placeholder the timestamp replaces.
"""

import hashlib

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from core import fragments

from .forms import CommentForm
from .models import Comment

COMMENT_TEMPLATE = "comments/_comment.html"
THREAD_TEMPLATE = "comments/_thread.html"
FORM_TEMPLATE = "comments/form.html"
TIMESTAMP_PLACEHOLDER = "timestamp-placeholder"
SHOWN = ("pk", "author_name", "author_url", "submitted_at", "status", "body_html")


def _digest(values):
    return hashlib.sha256("\x1f".join(map(repr, values)).encode()).hexdigest()[:32]


def _comment_context(node, closed, max_depth):
    comment = node.comment
    return {
        "comment": comment,
        "old_anchor": comment.old_anchor,
        "replies": (not closed and comment.status == Comment.Status.APPROVED
                    and node.depth < max_depth),
    }


def _attach(nodes, contexts, keys):
    """Give each node its comment's HTML as ``node.html``, rendering only what is not kept."""
    wanted = {key: (lambda context=context: render_to_string(COMMENT_TEMPLATE, context))
              for key, context in zip(keys, contexts, strict=True)}
    found = fragments.get_or_render(wanted)
    for node, key in zip(nodes, keys, strict=True):
        node.html = mark_safe(found[key])


def thread(nodes, closed, max_depth, form_context=None):
    """The ``<ol>`` of the thread's ``nodes``. With ``form_context`` (a visitor replying
    without JavaScript), the reply form is drawn under its comment and the list is not
    kept."""
    release = fragments.release(COMMENT_TEMPLATE, THREAD_TEMPLATE)
    contexts = [_comment_context(node, closed, max_depth) for node in nodes]
    keys = [
        "comment:{}:{}".format(release, _digest(
            [getattr(context["comment"], name) for name in SHOWN]
            + [context["old_anchor"], context["replies"]]))
        for context in contexts
    ]
    context = {"nodes": nodes, "closed": closed, **(form_context or {})}
    if form_context:
        _attach(nodes, contexts, keys)
        return mark_safe(render_to_string(THREAD_TEMPLATE, context))
    shape = [(node.depth, node.has_children, len(node.closes), bool(node.comment.user_id))
             for node in nodes]
    key = f"thread:{release}:{_digest([*keys, *shape, closed])}"

    def render():
        _attach(nodes, contexts, keys)
        return render_to_string(THREAD_TEMPLATE, context)

    return mark_safe(fragments.get_or_render({key: render})[key])


def blank_form(post, allowed_tags, timestamp):
    """The reply form as a visitor without cookies sees it, dated ``timestamp``."""
    release = fragments.release(FORM_TEMPLATE)
    key = f"comment-form:{release}:{_digest([post.pk, post.get_absolute_url(), allowed_tags])}"

    def render():
        form = CommentForm(initial={"timestamp": TIMESTAMP_PLACEHOLDER})
        return render_to_string(FORM_TEMPLATE, {"post": post, "form": form,
                                                "allowed_tags": allowed_tags})

    html = fragments.get_or_render({key: render})[key]
    return mark_safe(html.replace(TIMESTAMP_PLACEHOLDER, timestamp, 1))
