"""A comment that changes changes its post's page, the lists' counts and the comment feeds."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from huddinge_site import page_cache

from .models import Comment


@receiver(post_save, sender=Comment, dispatch_uid="comments.invalidate_saved")
@receiver(post_delete, sender=Comment, dispatch_uid="comments.invalidate_deleted")
def comment_changed(sender, instance, **kwargs):
    page_cache.invalidate_posts([instance.post.get_absolute_url()], comments=True)
