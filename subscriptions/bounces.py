"""Mail providers' word that an address is dead or unwilling ends its subscription.

With a provider behind django-anymail (``EMAIL_BACKEND=anymail.backends.…``), its
webhook at ``/anymail/<provider>/tracking/`` reports what happened to each mail. A hard
bounce, a spam complaint or the provider's own unsubscribe means no more mail to that
address: sending on would hurt the site's standing with every mailbox. Soft bounces and
deferrals are left to the provider's retries.
"""

from anymail.signals import tracking
from django.dispatch import receiver

from . import signup
from .models import Subscriber

ENDS = {"bounced", "complained", "unsubscribed"}


@receiver(tracking, dispatch_uid="subscriptions.provider_tracking")
def provider_event(sender, event, esp_name, **kwargs):
    if event.event_type not in ENDS or not event.recipient:
        return
    for pk in Subscriber.objects.filter(email=event.recipient.strip().lower()) \
            .values_list("pk", flat=True):
        signup.stop(pk)
