"""The posts' side of a changed identity: every share card shows the writer's name,
portrait and accent, so all are made again, in the background."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from core.models import SiteIdentity

from . import tasks


@receiver(post_save, sender=SiteIdentity, dispatch_uid="posts.identity_saved")
def identity_saved(sender, instance, **kwargs):
    transaction.on_commit(tasks.refresh_share_images.enqueue)
