"""Mail providers' word that an address is dead or unwilling ends its subscription.

With a provider behind django-anymail (``EMAIL_BACKEND=anymail.backends.…``), its
webhook at ``/anymail/<provider>/tracking/`` reports what happened to each mail. A hard
bounce, a spam complaint or the provider's own unsubscribe means no more mail to that
address: sending on would hurt the site's standing with every mailbox. Soft bounces and
deferrals are left to the provider's retries.
"""

from anymail.signals import tracking
from django.dispatch import receiver
from django.http import Http404
from django.urls import Resolver404, resolve
from django.views.decorators.csrf import csrf_exempt

from . import signup
from .models import Subscriber

ENDS = {"bounced", "complained", "unsubscribed"}


@csrf_exempt
def provider_webhook(request, path):
    """django-anymail's webhook for ``path`` (``postmark/tracking/``, …). Its URLconf
    imports every provider's webhook, and Amazon SES's imports boto3, some 30 MB in each
    process; so it is loaded by the first webhook call, or before the fork when
    ``EMAIL_BACKEND`` names a provider (the settings then install anymail's app, and
    ``huddinge_site.wsgi`` loads it), never at start on a site that sends through an SMTP
    relay."""
    try:
        match = resolve(f"/{path}", urlconf="anymail.urls")
    except Resolver404 as error:
        raise Http404 from error
    return match.func(request, *match.args, **match.kwargs)


@receiver(tracking, dispatch_uid="subscriptions.provider_tracking")
def provider_event(sender, event, esp_name, **kwargs):
    if event.event_type not in ENDS or not event.recipient:
        return
    for pk in Subscriber.objects.filter(email=event.recipient.strip().lower()) \
            .values_list("pk", flat=True):
        signup.stop(pk)
