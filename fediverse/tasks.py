"""The worker's side of the fediverse: fanning an activity out, ``BATCH`` servers to a
task, and trying each that failed again on its own."""

import logging

from django.utils import timezone
from django_tasks import task

from comments.models import Comment
from posts.models import Post

from . import activities, delivery, publishing

logger = logging.getLogger(__name__)
BATCH = 50


@task()
def deliver(inbox, activity, attempt=0):
    if delivery.dead([inbox]):
        return
    try:
        delivery.post(inbox, activity)
    except delivery.Failed as error:
        if attempt >= len(delivery.BACKOFF):
            logger.warning("gave up delivering %s to %s: %s", activity.get("id"), inbox, error)
            delivery.given_up(inbox)
            return
        deliver.using(run_after=timezone.now() + delivery.BACKOFF[attempt]).enqueue(
            inbox, activity, attempt + 1)


@task()
def deliver_batch(inboxes, activity):
    """The first try to several servers at once; each that fails is tried again alone."""
    for inbox, problem in delivery.post_many(inboxes, activity).items():
        if problem:
            logger.info("delivering %s to %s failed: %s", activity.get("id"), inbox, problem)
            deliver.using(run_after=timezone.now() + delivery.BACKOFF[0]).enqueue(
                inbox, activity, 1)


def fan_out(activity, also=()):
    inboxes = set(delivery.inboxes()) | {inbox for inbox in also if inbox}
    live = sorted(inboxes - delivery.dead(inboxes))
    for start in range(0, len(live), BATCH):
        deliver_batch.enqueue(live[start:start + BATCH], activity)


def answered_inbox(comment):
    actor = publishing.replied_to(comment)
    return actor.delivery_inbox if actor else ""


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


@task()
def send_answer(comment_id):
    """Send the blog's answer to a reply from the fediverse to its writer and followers,
    if it is still public when the task runs."""
    comment = Comment.objects.filter(pk=comment_id).select_related("parent").first()
    if (comment is None or not publishing.is_answer(comment)
            or not Comment.counts_as_approved(comment.state_now())):
        return
    actor = publishing.replied_to(comment)
    if actor is None:
        return
    note = activities.answer(comment, actor)
    fan_out(activities.wrap("Create", note, note["id"] + "#create", to=note["to"]),
            also=[actor.delivery_inbox])


@task()
def withdraw_answer(comment_id, inbox):
    note_id = activities.comment_id_for(comment_id)
    fan_out(activities.wrap("Delete", {"id": note_id, "type": "Tombstone"}, note_id + "#delete"),
            also=[inbox])
