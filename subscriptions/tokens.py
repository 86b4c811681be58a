"""The signed links a subscriber is mailed: nothing is stored to check them.

A confirmation link works for ``CONFIRM_DAYS`` (then the address, never confirmed, is
forgotten anyway); an unsubscribe link works for ever, as a mail read years later
must still be able to stop the next one.
"""

from django.core import signing

CONFIRM_DAYS = 7
_CONFIRM, _STOP = "subscriptions.confirm", "subscriptions.unsubscribe"


def confirm_token(subscriber):
    return signing.dumps(subscriber.pk, salt=_CONFIRM)


def stop_token(subscriber):
    return signing.dumps(subscriber.pk, salt=_STOP)


def confirmed_id(token):
    """The subscriber a confirmation link names, or ``None`` when it is forged or too old."""
    try:
        return signing.loads(token, salt=_CONFIRM, max_age=CONFIRM_DAYS * 24 * 3600)
    except signing.BadSignature:
        return None


def stopped_id(token):
    try:
        return signing.loads(token, salt=_STOP)
    except signing.BadSignature:
        return None
