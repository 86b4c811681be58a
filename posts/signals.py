"""Keep cached pages true: whatever a post shows changes, its pages are invalidated."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from huddinge_site import page_cache

from .models import Embed, Post, PressLink


@receiver(pre_save, sender=Post, dispatch_uid="posts.remember_url")
def remember_url(sender, instance, raw=False, **kwargs):
    previous = Post.objects.filter(pk=instance.pk).first() if instance.pk else None
    instance._previous_url = previous.get_absolute_url() if previous else None


@receiver(post_save, sender=Post, dispatch_uid="posts.invalidate_saved")
@receiver(post_delete, sender=Post, dispatch_uid="posts.invalidate_deleted")
def post_changed(sender, instance, **kwargs):
    urls = {instance.get_absolute_url(), getattr(instance, "_previous_url", None)} - {None}
    page_cache.invalidate_posts(urls, comments=True)


@receiver(m2m_changed, sender=Post.categories.through, dispatch_uid="posts.categories")
@receiver(m2m_changed, sender=Post.tags.through, dispatch_uid="posts.tags")
def taxonomy_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, Post):
        page_cache.invalidate_posts([instance.get_absolute_url()])
    elif action.startswith("post_"):
        page_cache.invalidate([page_cache.LISTS])


@receiver(post_save, sender=PressLink, dispatch_uid="posts.presslink_saved")
@receiver(post_delete, sender=PressLink, dispatch_uid="posts.presslink_deleted")
@receiver(post_save, sender=Embed, dispatch_uid="posts.embed_saved")
@receiver(post_delete, sender=Embed, dispatch_uid="posts.embed_deleted")
def attachment_changed(sender, instance, **kwargs):
    page_cache.invalidate_posts([instance.post.get_absolute_url()])
