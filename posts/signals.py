"""What the posts do in the background after a save: every share card is made again when
the identity changes (it shows the writer's name, portrait and accent), and a clip new
to the site has its title and still fetched (``posts.clips``)."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from core.models import SiteIdentity

from . import clips, tasks
from .models import Writing
from .rendering import clip_addresses


@receiver(post_save, sender=SiteIdentity, dispatch_uid="posts.identity_saved")
def identity_saved(sender, instance, **kwargs):
    transaction.on_commit(tasks.refresh_share_images.enqueue)


@receiver(post_save, dispatch_uid="posts.clips_wanted")
def clips_wanted(sender, instance, raw=False, **kwargs):
    if raw or not isinstance(instance, Writing):
        return
    for url in clips.missing(clip_addresses(instance.body)):
        transaction.on_commit(lambda url=url: tasks.fetch_clip.enqueue(url))
