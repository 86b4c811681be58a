from django import template

from comments import cookies, moderation, rendered, targets, threads
from comments.forms import CommentForm, sign_timestamp
from comments.models import Comment, ModerationSettings
from core import fragments, page_cache
from core.request_values import positive_int
from core.sanitizer import COMMENT_TAGS

register = template.Library()


@register.inclusion_tag("comments/section.html", takes_context=True)
def comment_section(context, target):
    """The approved thread under a post or a page, the visitor's own pending comments,
    and the reply form."""
    request = context["request"]
    comments = list(Comment.objects.thread(target, cookies.pending_ids(request)))
    rules = fragments.by_version(page_cache.EVERYTHING, "discussion-settings",
                                 ModerationSettings.current)
    closed = moderation.comments_closed(target, rules)
    form = context.get("comment_form")
    form_html = None
    allowed_tags = list(COMMENT_TAGS)
    if form is None:
        initial = cookies.remembered_author(request)
        reply_to = positive_int(request.GET.get("replytocom"))
        if reply_to:
            initial["parent"] = reply_to
        timestamp = sign_timestamp(target)
        form = CommentForm(initial={**initial, "timestamp": timestamp}, user=request.user)
        if not (initial or closed or form.account):
            form_html = rendered.blank_form(target, allowed_tags, timestamp)
    parent = positive_int(str(form["parent"].value() or ""))
    numbers = {c.pk for c in comments}
    for comment in comments:
        old = comment.old_number
        comment.old_anchor = old if old and old not in numbers else None
    reply_parent = parent if parent in numbers and not closed else None
    form_context = {"target": target, "action": targets.form_action(target), "form": form,
                    "allowed_tags": allowed_tags, "reply_parent": reply_parent}
    return {
        **form_context,
        "preview": not target.is_public,
        "thread_html": rendered.thread(threads.build(comments), closed, rules.max_depth,
                                       form_context if reply_parent else None),
        "approved_count": sum(c.status == Comment.Status.APPROVED for c in comments),
        "form_html": form_html,
        "closed": closed,
    }


@register.simple_tag
def pending_comment_count():
    return Comment.objects.filter(status=Comment.Status.PENDING).count()
