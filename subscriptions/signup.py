"""Signing up: one answer for every address, and no mail bomb through the form.

Whatever is typed, the visitor is told to look in their inbox: whether an address is
already subscribed is nobody else's business. A confirmation is mailed to one address
at most once a day, whoever asks, so the form cannot flood someone else's inbox; and
one IP address may ask ``PER_HOUR`` times an hour.
"""

from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.utils import timezone

from . import mail
from .forms import CONSENT_TEXT, SOURCES
from .models import Subscriber
from .sending import forget_unconfirmed

PER_HOUR = 5
RESEND_AFTER = timedelta(days=1)


def throttled(ip_address):
    cache = caches[settings.PAGE_CACHE_ALIAS]
    key = f"subscribe-ip:{ip_address}"
    try:
        cache.add(key, 0, 3600)
        return cache.incr(key) > PER_HOUR
    except Exception:
        return False


def sign_up(email, source, frequency=Subscriber.Frequency.EACH):
    """Record the request and mail the confirmation link, when it is due; addresses never
    confirmed within a week are forgotten on the way (``sending.forget_unconfirmed``)."""
    now = timezone.now()
    forget_unconfirmed(now)
    with transaction.atomic():
        subscriber, _created = Subscriber.objects.select_for_update().get_or_create(email=email)
        if subscriber.status == Subscriber.Status.CONFIRMED:
            return
        due = (subscriber.confirmation_sent_at is None
               or subscriber.confirmation_sent_at < now - RESEND_AFTER)
        subscriber.status = Subscriber.Status.PENDING
        subscriber.frequency = frequency or Subscriber.Frequency.EACH
        subscriber.consent_source = str(SOURCES.get(source, SOURCES["page"]))
        subscriber.consent_text = str(CONSENT_TEXT)
        if due:
            subscriber.confirmation_sent_at = now
        subscriber.save()
    if due:
        mail.confirmation(subscriber).send(fail_silently=True)


def confirm(subscriber_id):
    """Confirm the address; ``None`` when it is not (any more) waiting for it."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None or subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return None
    if subscriber.status == Subscriber.Status.PENDING:
        subscriber.status, subscriber.confirmed_at = Subscriber.Status.CONFIRMED, timezone.now()
        subscriber.save(update_fields=["status", "confirmed_at"])
    return subscriber


def change(subscriber_id, frequency):
    """Mail each post, or a letter a week, from now on."""
    Subscriber.objects.filter(pk=subscriber_id, status=Subscriber.Status.CONFIRMED).update(
        frequency=frequency)


def stop(subscriber_id):
    Subscriber.objects.filter(pk=subscriber_id).exclude(
        status=Subscriber.Status.UNSUBSCRIBED).update(
        status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=timezone.now())
