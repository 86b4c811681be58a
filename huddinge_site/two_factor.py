"""Two-factor sign-in for staff: a password, then a code from an authenticator app.

Every staff account needs a second factor before it reaches the admin, the editor's
upload and preview endpoints or drafts on the site. The password step does not sign
anyone in: it only remembers, for ten minutes, whose password was right. Signing in
happens when a code from that user's authenticator app (TOTP, django-otp) or one of
their ten single-use recovery codes is accepted; a user without an app is walked
through adding one first. A staff session without a verified device (one made before
two-factor sign-in existed, or forged) counts as signed out.

Wrong codes are throttled per user and client address (``FAILURE_LIMIT`` in
``FAILURE_WINDOW`` seconds), on top of axes' password lockout; not per device, as
django-otp would, since whoever has the password could then keep the owner out of
their own account from anywhere with a wrong code every few seconds.

An app being added is this session's alone: each visit to the setup page makes a
fresh key (discarding the one it showed before), and confirming it voids every other
session of that user still between the password and the second step. Someone who
knows only the password and looks at the setup page first learns a key nobody will
ever confirm.

A superuser resets a lost factor by deleting the user's devices in the admin (*OTP
Totp* and *OTP Static* devices); the user then adds a new app at the next sign-in.
"""

import base64
import contextlib
import io
import time

from django.contrib import auth
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import transaction
from django.utils.functional import SimpleLazyObject
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.client_ip import client_ip

PENDING_SECONDS = 600
RECOVERY_CODES = 10
FAILURE_LIMIT = 5
FAILURE_WINDOW = 900
_PENDING = "two_factor_pending"
_SETUP = "two_factor_setup_device"


def begin(request, user, next_url):
    """Remember that ``user`` gave the right password; nobody is signed in yet."""
    request.session.cycle_key()
    request.session[_PENDING] = {"user": user.pk, "backend": user.backend,
                                 "next": next_url, "at": time.time(),
                                 "enrolled": has_device(user)}


def pending_user(request):
    """The user whose password was right a moment ago, or ``None``."""
    pending = request.session.get(_PENDING)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        return None
    user = auth.get_user_model().objects.filter(pk=pending["user"], is_active=True,
                                                is_staff=True).first()
    if user is None or (not pending.get("enrolled") and has_device(user)):
        return None
    user.backend = pending["backend"]
    return user


def finish(request, user, device):
    """Sign ``user`` in, verified by ``device``; returns where they were going."""
    next_url = request.session.pop(_PENDING)["next"]
    auth.login(request, user, backend=user.backend)
    otp_login(request, device)
    return next_url


def has_device(user):
    return user_has_device(user, confirmed=True)


def _failures_key(request, user):
    return f"two-factor-failures:{user.pk}:{client_ip(request)}"


def _recent_failures(key):
    """When the wrong codes of the last ``FAILURE_WINDOW`` seconds were typed, by this
    server's clock (the cache's expiry only tidies up)."""
    since = time.time() - FAILURE_WINDOW
    return [moment for moment in cache.get(key) or [] if moment > since]


def throttled(request, user):
    """Whether this address has had its share of wrong codes for ``user`` lately."""
    with contextlib.suppress(Exception):
        return len(_recent_failures(_failures_key(request, user))) >= FAILURE_LIMIT
    return False


def _failed(request, user):
    key = _failures_key(request, user)
    with contextlib.suppress(Exception):
        cache.set(key, [*_recent_failures(key), time.time()], FAILURE_WINDOW)


def verify(request, user, code):
    """The device (app or recovery codes) that accepts ``code``, or ``None``, also while
    this address is throttled."""
    if throttled(request, user):
        return None
    device = match_token(user, code)
    if device is None:
        _failed(request, user)
    return device


def new_app(request, user):
    """A fresh authenticator app for this session to add, replacing the one it was shown."""
    TOTPDevice.objects.filter(pk=request.session.get(_SETUP), user=user,
                              confirmed=False).delete()
    device = TOTPDevice.objects.create(user=user, name="App", confirmed=False)
    request.session[_SETUP] = device.pk
    return device


def session_app(request, user):
    """The app this session was shown, while it is still being added, or ``None``."""
    return TOTPDevice.objects.filter(pk=request.session.get(_SETUP), user=user,
                                     confirmed=False).first()


def qr_data_uri(device):
    """The enrolment code as an SVG. qrcode is loaded here, by the one process that draws it
    once per authenticator set up, not by every process at start (5 MB each)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    output = io.BytesIO()
    image.save(output)
    return "data:image/svg+xml;base64," + base64.b64encode(output.getvalue()).decode()


def secret(device):
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i:i + 4] for i in range(0, len(key), 4))


@transaction.atomic
def confirm_app(request, device, code):
    """Confirm the new app with a code from it; returns fresh recovery codes, or ``None``.
    Other sessions' keys are discarded, and those sessions must give the password again
    (``pending_user``)."""
    if throttled(request, device.user):
        return None
    if not device.verify_token(code):
        _failed(request, device.user)
        return None
    device.confirmed = True
    device.save()
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    request.session.pop(_SETUP, None)
    return recovery_codes(device.user)


def enrol(user):
    """Give ``user`` a confirmed app at once (the demo's admin); returns its key and
    recovery codes, to be shown to that user only."""
    device = TOTPDevice.objects.create(user=user, name="App", confirmed=True)
    return secret(device), recovery_codes(user)


def recovery_codes(user):
    """Fresh single-use recovery codes for ``user``, replacing any earlier ones."""
    StaticDevice.objects.filter(user=user).delete()
    recovery = StaticDevice.objects.create(user=user, name="Reservkoder")
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=recovery, token=code) for code in codes)
    return codes


def _signed_in(user):
    if user.is_authenticated and user.is_staff and not user.is_verified():
        return AnonymousUser()
    return user


class RequireSecondFactorMiddleware:
    """After django-otp's middleware: a staff user without a verified device is anonymous."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        request.user = SimpleLazyObject(lambda: _signed_in(user))
        return self.get_response(request)
