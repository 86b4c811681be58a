"""The worker's side of the posts: share cards made again when the identity changes."""

from django_tasks import task

from core.models import SiteIdentity

from . import clips, share_images


@task()
def refresh_share_images():
    from .models import Post

    identity = SiteIdentity.objects.first()
    for post in Post.objects.only("pk", "title", "featured_image", "share_image").iterator():
        share_images.refresh(post, identity)


@task()
def fetch_clip(url):
    clips.fetch(url)
