"""The worker's side of subscriptions (see ``sending`` and ``digests``)."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from . import digests, sending

RETRY_AFTER = timedelta(minutes=5)


@task()
def send_post(post_id):
    mailing = sending.prepare(post_id)
    if mailing is None:
        return
    digests.expect(queue_digest)
    if sending.send(mailing):
        send_post.using(run_after=timezone.now() + RETRY_AFTER).enqueue(post_id)


@task()
def send_digest(digest_id):
    digest, posts = digests.prepare(digest_id)
    if digest is None:
        return
    if sending.send(digest, digests.message(digest, posts)):
        send_digest.using(run_after=timezone.now() + RETRY_AFTER).enqueue(digest_id)


def queue(post):
    """Queue the post's mailing for when it becomes public."""
    send_post.using(run_after=max(post.published_at, timezone.now())).enqueue(post.pk)


def queue_digest(digest):
    send_digest.using(run_after=digests.send_time(digest)).enqueue(digest.pk)
