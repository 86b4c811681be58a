"""A comment that changes changes its post's count and page, the lists and the comment feeds."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from huddinge_site import page_cache
from posts.models import Post

from . import counts
from .models import Comment


@receiver(post_save, sender=Post, dispatch_uid="comments.recount_saved_post")
def post_saved(sender, instance, raw=False, **kwargs):
    """A post saved from a form may carry a count read before a comment changed it."""
    if not raw:
        counts.refresh([instance.pk])


@receiver(post_save, sender=Comment, dispatch_uid="comments.invalidate_saved")
@receiver(post_delete, sender=Comment, dispatch_uid="comments.invalidate_deleted")
def comment_changed(sender, instance, **kwargs):
    counts.refresh([instance.post_id])
    page_cache.invalidate_posts([instance.post.get_absolute_url()], comments=True)
