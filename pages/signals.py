"""A standing page shows in the menu of every page, so a public one changing changes them all."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from huddinge_site import page_cache
from posts.models import Post

from .models import Page


@receiver(pre_save, sender=Page, dispatch_uid="pages.remember_state")
def remember_state(sender, instance, raw=False, **kwargs):
    previous = Page.objects.filter(pk=instance.pk).first() if instance.pk else None
    instance._was_public = bool(previous and previous.is_public)
    instance._previous_url = previous.get_absolute_url() if previous else None


@receiver(post_save, sender=Page, dispatch_uid="pages.invalidate_saved")
@receiver(post_delete, sender=Page, dispatch_uid="pages.invalidate_deleted")
def page_changed(sender, instance, **kwargs):
    """Invalidate every cached page: posts, standing pages (old address too) and lists."""
    if not (instance.is_public or getattr(instance, "_was_public", False)):
        return
    posts = Post.objects.published().only("slug", "published_at")
    urls = {post.get_absolute_url() for post in posts.iterator()}
    urls |= {page.get_absolute_url() for page in Page.objects.only("slug")}
    urls |= {instance.get_absolute_url(), getattr(instance, "_previous_url", None)} - {None}
    page_cache.invalidate_posts(urls, comments=True)
