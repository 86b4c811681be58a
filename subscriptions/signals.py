"""A post that becomes public (now or at its time) queues its mailing once the save is
committed; whether it is sent at all is ``sending``'s rule, checked when it runs."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from posts.models import Post

from . import sending, tasks


@receiver(post_save, sender=Post, dispatch_uid="subscriptions.post_saved")
def post_saved(sender, instance, raw=False, **kwargs):
    if raw or not instance.email_subscribers or instance.import_ref:
        return
    if sending.became_public(instance.state_before(), instance):
        transaction.on_commit(lambda: tasks.queue(instance))
