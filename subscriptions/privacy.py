"""A subscriber's data for the site's confirmed privacy requests (``comments.privacy``)."""

from .models import Subscriber

FIELDS = ["email", "status", "created_at", "confirmed_at", "unsubscribed_at",
          "consent_source", "consent_text"]


def record(email):
    """What is stored about ``email`` as a subscriber, or ``None``."""
    return Subscriber.objects.filter(email=email.strip().lower()).values(*FIELDS).first()


def forget(email):
    """Erase the subscription of ``email``; returns whether there was one."""
    return Subscriber.objects.filter(email=email.strip().lower()).delete()[0] > 0
