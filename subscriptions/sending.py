"""When a post goes to the subscribers, and how: the rules in one place.

A post is mailed once, when it becomes public: at once when published, or at its time
when scheduled (the worker runs the task then, ``run_after``: no cron for the owner
to set up). Never:

- a post whose writer unticked *e-mail to subscribers*;
- an edit of a post that was already public (only the change to public queues the
  task, and the ``Mailing`` row, one per post, is made once: a second task finds it);
- an imported post, or one dated more than ``RECENT`` before it became public: an old
  post published late is an archive, not news.

The task makes one ``Delivery`` per confirmed subscriber who wants each post (those who
chose a weekly letter get it in ``digests``), then sends them one at a time
at ``SUBSCRIPTION_MAILS_PER_SECOND``, each marked *sending* before the mail server
gets it and *sent* after, in transactions of their own. A worker killed mid-send
leaves the rest *queued* (and at most one *sending*); ``manage.py resume_mailings``,
which the worker's scripts and service run before it starts, queues the task again
and it sends exactly those, so nobody is skipped and nobody marked sent gets it twice
(the one *sending* may have reached its reader: it goes again, with the same
``Message-ID``, rather than be lost). A mail the server refuses is tried again ``MAX_ATTEMPTS``
times, minutes apart, then left *failed*, counted in the admin.
"""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from posts.models import Post

from . import mail, tokens
from .models import Delivery, Mailing, Subscriber

logger = logging.getLogger(__name__)
RECENT = timedelta(days=2)
MAX_ATTEMPTS = 3


def should_send(post, now=None):
    now = now or timezone.now()
    return (post.is_public and post.email_subscribers and not post.import_ref
            and post.published_at >= now - RECENT)


def became_public(state_before, post):
    """Whether this save makes ``post`` public now or at its time (was not on its way)."""
    was = Post.publication_state(state_before["status"], state_before["published_at"]) \
        if state_before else Post.State.DRAFT
    return was == Post.State.DRAFT and post.state != Post.State.DRAFT


def prepare(post_id):
    """The post's mailing with a delivery per confirmed subscriber, or ``None`` when the
    post is not to be sent (any more)."""
    post = Post.objects.filter(pk=post_id).first()
    with transaction.atomic():
        mailing = Mailing.objects.filter(post_id=post_id).first()
        if mailing is None:
            if post is None or not should_send(post):
                return None
            mailing = Mailing.objects.create(post=post)
            subscribers = Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED,
                                                    frequency=Subscriber.Frequency.EACH)
            Delivery.objects.bulk_create(
                [Delivery(mailing=mailing, subscriber=s) for s in subscribers.iterator()],
                batch_size=500)
    return mailing


DUE = [Delivery.State.QUEUED, Delivery.State.SENDING]


def unfinished_posts():
    """The posts whose mailing has deliveries left to send."""
    due = Delivery.objects.filter(state__in=DUE, mailing__isnull=False)
    return sorted(set(due.values_list("mailing__post_id", flat=True)))


def unfinished_digests():
    due = Delivery.objects.filter(state__in=DUE, digest__isnull=False)
    return sorted(set(due.values_list("digest_id", flat=True)))


def forget_unconfirmed(now=None):
    """Addresses never confirmed are kept a week, the life of their link, no longer."""
    cutoff = (now or timezone.now()) - timedelta(days=tokens.CONFIRM_DAYS)
    return Subscriber.objects.filter(status=Subscriber.Status.PENDING,
                                     created_at__lt=cutoff).delete()[0]


def send(batch, message=None):
    """Send the due deliveries of ``batch`` (a post's ``Mailing`` or a weekly ``Digest``,
    whose mail ``message(subscriber, connection)`` makes); returns how many failed and may
    be tried again."""
    if message is None:
        def message(subscriber, connection):
            return mail.post_mail(batch.post, subscriber, connection)
    pause = 1 / max(settings.SUBSCRIPTION_MAILS_PER_SECOND, 0.001)
    due = (batch.deliveries.filter(state__in=DUE)
           .exclude(subscriber__status=Subscriber.Status.UNSUBSCRIBED)
           .select_related("subscriber").order_by("pk"))
    connection = get_connection()
    retry = 0
    for delivery in due.iterator():
        Delivery.objects.filter(pk=delivery.pk).update(state=Delivery.State.SENDING,
                                                       attempts=delivery.attempts + 1)
        try:
            message(delivery.subscriber, connection).send()
        except Exception as error:
            failed = delivery.attempts + 1 >= MAX_ATTEMPTS
            retry += not failed
            Delivery.objects.filter(pk=delivery.pk).update(
                state=Delivery.State.FAILED if failed else Delivery.State.QUEUED,
                error=str(error)[:300])
            logger.warning("Could not mail %s to subscriber %s: %s",
                           batch, delivery.subscriber_id, error)
            connection.close()
            connection = get_connection()
        else:
            Delivery.objects.filter(pk=delivery.pk).update(state=Delivery.State.SENT,
                                                           sent_at=timezone.now())
        time.sleep(pause)
    connection.close()
    return retry
