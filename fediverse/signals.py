"""Posts, and the blog's answers to replies from the fediverse, reach the fediverse
through the worker once their save is committed (``fediverse.publishing`` says when)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from comments.models import Comment
from posts.models import Post

from . import publishing, tasks


@receiver(post_save, sender=Post, dispatch_uid="fediverse.post_saved")
def post_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    change = publishing.change(instance.state_before(), instance)
    if change == "delete":
        transaction.on_commit(lambda: tasks.withdraw_post.enqueue(instance.pk))
    elif change == "create" and instance.state == Post.State.SCHEDULED:
        when = instance.published_at
        transaction.on_commit(
            lambda: tasks.announce_post.using(run_after=when).enqueue(instance.pk, "create"))
    elif change:
        transaction.on_commit(lambda: tasks.announce_post.enqueue(instance.pk, change))


@receiver(post_delete, sender=Post, dispatch_uid="fediverse.post_deleted")
def post_deleted(sender, instance, **kwargs):
    if publishing.federates(instance):
        pk = instance.pk
        transaction.on_commit(lambda: tasks.withdraw_post.enqueue(pk))


@receiver(post_save, sender=Comment, dispatch_uid="fediverse.comment_saved")
def comment_saved(sender, instance, raw=False, **kwargs):
    change = None if raw else publishing.answer_change(instance.state_before(), instance)
    if change == "create":
        transaction.on_commit(lambda: tasks.send_answer.enqueue(instance.pk))
    elif change == "delete":
        inbox = tasks.answered_inbox(instance)
        transaction.on_commit(lambda: tasks.withdraw_answer.enqueue(instance.pk, inbox))


@receiver(post_delete, sender=Comment, dispatch_uid="fediverse.comment_deleted")
def comment_deleted(sender, instance, **kwargs):
    if publishing.is_answer(instance) and Comment.counts_as_approved(instance.state_now()):
        pk, inbox = instance.pk, tasks.answered_inbox(instance)
        transaction.on_commit(lambda: tasks.withdraw_answer.enqueue(pk, inbox))
