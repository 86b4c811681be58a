"""The worker's side of the fediverse: fanning an activity out, one task per inbox."""

import logging

from django.utils import timezone
from django_tasks import task

from posts.models import Post

from . import activities, delivery, publishing

logger = logging.getLogger(__name__)


@task()
def deliver(inbox, activity, attempt=0):
    try:
        delivery.post(inbox, activity)
    except delivery.Failed as error:
        if attempt >= len(delivery.BACKOFF):
            logger.warning("gave up delivering %s to %s: %s", activity.get("id"), inbox, error)
            return
        deliver.using(run_after=timezone.now() + delivery.BACKOFF[attempt]).enqueue(
            inbox, activity, attempt + 1)


def fan_out(activity):
    for inbox in delivery.inboxes():
        deliver.enqueue(inbox, activity)


@task()
def announce_post(post_id, kind):
    """Send a post's ``Create`` or ``Update`` if it is public when the task runs."""
    post = Post.objects.filter(pk=post_id).first()
    if post is None or not publishing.federates(post):
        return
    fan_out(activities.create(post) if kind == "create" else activities.update(post))


@task()
def withdraw_post(post_id):
    fan_out(activities.delete(post_id))
