"""The worker's side of subscriptions (see ``sending``)."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from . import sending


@task()
def send_post(post_id):
    mailing = sending.prepare(post_id)
    if mailing is None:
        return
    if sending.send(mailing):
        send_post.using(run_after=timezone.now() + timedelta(minutes=5)).enqueue(post_id)


def queue(post):
    """Queue the post's mailing for when it becomes public."""
    send_post.using(run_after=max(post.published_at, timezone.now())).enqueue(post.pk)
