"""The thread and the blank reply form of a post page, rendered once for what they show.

An approved comment invalidates its post's page, yet every other comment on it
looks as it did. A comment's item in the thread is a pure function of what it
shows and of where it sits (its depth, whether replies follow, how many nested
lists close after it), so it is kept (``core.fragments``) under a digest of
exactly that, as the post cards are, and the thread is its items joined in
order: a page rendered again reads them in one ``get_many``; after a new
comment, only its item is rendered, and the one before it where its nesting
changed. Nothing has to be invalidated: what changed gets a new key.

The blank form a visitor without cookies sees differs between pages only in its
post (or page) and its signed timestamp, which must be fresh on every page (it dates the
form for the spam rules): it is kept with a placeholder the timestamp replaces.
"""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from core import fragments

from . import targets
from .forms import CommentForm
from .models import Comment

COMMENT_TEMPLATE = "comments/_comment.html"
FORM_TEMPLATE = "comments/form.html"
TIMESTAMP_PLACEHOLDER = "timestamp-placeholder"
SHOWN = ("pk", "author_name", "author_url", "submitted_at", "status", "body_html")


def _item_context(node, closed, max_depth):
    comment = node.comment
    return {
        "comment": comment,
        "old_anchor": comment.old_anchor,
        "replies": (not closed and comment.status == Comment.Status.APPROVED
                    and node.depth < max_depth),
        "depth": node.depth,
        "has_children": node.has_children,
        "closes": node.closes,
    }


def _key(release, context):
    comment = context["comment"]
    return "comment:{}:{}".format(release, fragments.digest(
        [getattr(comment, name) for name in SHOWN]
        + [bool(comment.user_id), context["old_anchor"], context["replies"],
           context["depth"], context["has_children"], len(context["closes"])]))


def thread(nodes, closed, max_depth, form_context=None):
    """The items of the thread's ``nodes`` (its ``<ol>`` is the section's), each with the
    markup that nests the next one. With ``form_context`` (a visitor replying without
    JavaScript), the reply form is drawn in the item of ``reply_parent``, which is then
    not kept."""
    release = fragments.release(COMMENT_TEMPLATE)
    reply_parent = (form_context or {}).get("reply_parent")
    items, wanted = [], {}
    for node in nodes:
        context = _item_context(node, closed, max_depth)
        if node.comment.pk == reply_parent:
            context["reply_form"] = render_to_string(FORM_TEMPLATE, form_context)
            items.append((None, render_to_string(COMMENT_TEMPLATE, context)))
            continue
        key = _key(release, context)
        wanted[key] = lambda context=context: render_to_string(COMMENT_TEMPLATE, context)
        items.append((key, None))
    found = fragments.get_or_render(wanted)
    return mark_safe("".join(html if key is None else found[key] for key, html in items))


def blank_form(target, allowed_tags, timestamp):
    """The reply form as a visitor without cookies sees it, dated ``timestamp``."""
    release = fragments.release(FORM_TEMPLATE)
    action = targets.form_action(target)
    shown = fragments.digest([action, target.get_absolute_url(), allowed_tags])
    key = f"comment-form:{release}:{shown}"

    def render():
        form = CommentForm(initial={"timestamp": TIMESTAMP_PLACEHOLDER})
        return render_to_string(FORM_TEMPLATE, {"target": target, "action": action,
                                                "form": form, "allowed_tags": allowed_tags})

    html = fragments.get_or_render({key: render})[key]
    return mark_safe(html.replace(TIMESTAMP_PLACEHOLDER, timestamp, 1))
