from django import template

from comments import cookies, moderation, threads
from comments.forms import CommentForm, sign_timestamp
from comments.models import Comment, ModerationSettings
from core.request_values import positive_int
from core.sanitizer import COMMENT_TAGS

register = template.Library()


@register.inclusion_tag("comments/section.html", takes_context=True)
def comment_section(context, post):
    """The approved thread, the visitor's own pending comments, and the reply form."""
    request = context["request"]
    comments = list(Comment.objects.thread(post, cookies.pending_ids(request)))
    rules = ModerationSettings.current()
    form = context.get("comment_form")
    if form is None:
        initial = cookies.remembered_author(request)
        reply_to = positive_int(request.GET.get("replytocom"))
        if reply_to:
            initial["parent"] = reply_to
        form = CommentForm(initial={**initial, "timestamp": sign_timestamp(post)},
                           user=request.user)
    parent = positive_int(str(form["parent"].value() or ""))
    numbers = {c.pk for c in comments}
    for comment in comments:
        old = comment.old_number
        comment.old_anchor = old if old and old not in numbers else None
    return {
        "request": request,
        "post": post,
        "preview": not post.is_public,
        "reply_parent": parent if parent in numbers else None,
        "nodes": threads.build(comments),
        "approved_count": sum(c.status == Comment.Status.APPROVED for c in comments),
        "form": form,
        "allowed_tags": list(COMMENT_TAGS),
        "closed": moderation.comments_closed(post, rules),
        "max_depth": rules.max_depth,
    }


@register.simple_tag
def pending_comment_count():
    return Comment.objects.filter(status=Comment.Status.PENDING).count()
