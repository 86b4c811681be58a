"""Each post's and page's count of approved comments follows its comments (see ``counts``)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from pages.models import Page
from posts.models import Post

from . import counts, tasks
from .models import Comment


@receiver(post_save, sender=Post, dispatch_uid="comments.recount_saved_post")
def post_saved(sender, instance, raw=False, **kwargs):
    """A post saved from a form may carry a count read before a comment changed it."""
    if not raw:
        counts.refresh(post_ids=[instance.pk])


@receiver(post_save, sender=Page, dispatch_uid="comments.recount_saved_page")
def page_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        counts.refresh(page_ids=[instance.pk])


@receiver(post_save, sender=Comment, dispatch_uid="comments.reply_approved")
def reply_approved(sender, instance, raw=False, **kwargs):
    """An approved reply is mailed to those who asked, by the worker (``reply_notices``);
    an imported one is history, not news."""
    before = instance.state_before()
    if (raw or not instance.parent_id or instance.import_ref
            or not Comment.counts_as_approved(instance.state_now())
            or (before and Comment.counts_as_approved(before))):
        return
    transaction.on_commit(lambda: tasks.notify_reply.enqueue(instance.pk))


@receiver(post_save, sender=Comment, dispatch_uid="comments.recount_saved")
@receiver(post_delete, sender=Comment, dispatch_uid="comments.recount_deleted")
def comment_changed(sender, instance, **kwargs):
    """Recount where the comment is, and where it was if a moderator moved it."""
    states = [state for state in (instance.state_before(), instance.state_now()) if state]
    if any(Comment.counts_as_approved(state) for state in states):
        counts.refresh(post_ids={state["post"] for state in states},
                       page_ids={state["page"] for state in states})
