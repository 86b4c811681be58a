"""A standing page shows in the menu of every page, so a public one changing changes them all."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from huddinge_site import page_cache

from .models import Page


@receiver(pre_save, sender=Page, dispatch_uid="pages.remember_state")
def remember_state(sender, instance, raw=False, **kwargs):
    previous = Page.objects.filter(pk=instance.pk).first() if instance.pk else None
    instance._was_public = bool(previous and previous.is_public)


@receiver(post_save, sender=Page, dispatch_uid="pages.invalidate_saved")
@receiver(post_delete, sender=Page, dispatch_uid="pages.invalidate_deleted")
def page_changed(sender, instance, **kwargs):
    if instance.is_public or getattr(instance, "_was_public", False):
        page_cache.invalidate([page_cache.SITE])
