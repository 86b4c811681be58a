"""The weekly letter, for subscribers who chose it instead of a mail per post.

It goes on Monday morning (``SEND_HOUR``, the site's time) with the posts mailed in the
seven days before, and only when there were any. Its task is queued when the first post
of the week is mailed, to run at that time; the ``Digest`` row, one per week, keeps it
from going twice, and its deliveries are sent, resumed and retried like a post's
(``sending``).
"""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from posts.models import Post

from . import mail
from .models import Delivery, Digest, Subscriber

SEND_HOUR = 7


def next_monday(now=None):
    today = timezone.localdate(now)
    return today + timedelta(days=7 - today.weekday())


def send_time(digest):
    return timezone.make_aware(datetime.combine(digest.week, time(SEND_HOUR)))


def expect(queue):
    """Make sure the coming Monday's letter is queued (``queue(digest)``), when anybody
    wants one."""
    if not Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED,
                                     frequency=Subscriber.Frequency.WEEKLY).exists():
        return None
    digest, created = Digest.objects.get_or_create(week=next_monday())
    if created:
        transaction.on_commit(lambda: queue(digest))
    return digest


def posts_of(digest):
    """The posts mailed in the week before ``digest.week``, oldest first."""
    end = send_time(digest)
    return list(Post.objects.filter(mailing__created_at__gte=end - timedelta(days=7),
                                    mailing__created_at__lt=end).order_by("published_at"))


def prepare(digest_id):
    """The letter with a delivery per subscriber who chose it, or ``None`` when there is
    nothing to send."""
    digest = Digest.objects.filter(pk=digest_id).first()
    if digest is None or timezone.now() < send_time(digest):
        return None, []
    posts = posts_of(digest)
    if not posts:
        return None, []
    weekly = Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED,
                                       frequency=Subscriber.Frequency.WEEKLY)
    Delivery.objects.bulk_create([Delivery(digest=digest, subscriber=s)
                                  for s in weekly.iterator()],
                                 batch_size=500, ignore_conflicts=True)
    return digest, posts


def message(digest, posts):
    def make(subscriber, connection):
        return mail.digest_mail(digest, posts, subscriber, connection)
    return make
