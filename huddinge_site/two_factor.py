"""Two-factor sign-in for staff: a password, then a code from an authenticator app.

Every staff account needs a second factor before it reaches the admin, the editor's
upload and preview endpoints or drafts on the site. The password step does not sign
anyone in: it only remembers, for ten minutes, whose password was right. Signing in
happens when a code from that user's authenticator app (TOTP, django-otp) or one of
their ten single-use recovery codes is accepted; a user without an app is walked
through adding one first. A staff session without a verified device (one made before
two-factor sign-in existed, or forged) counts as signed out.

Wrong codes are throttled per device by django-otp, on top of axes' password lockout.
A superuser resets a lost factor by deleting the user's devices in the admin (*OTP
Totp* and *OTP Static* devices); the user then adds a new app at the next sign-in.
"""

import base64
import io
import time

import qrcode
import qrcode.image.svg
from django.contrib import auth
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils.functional import SimpleLazyObject
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

PENDING_SECONDS = 600
RECOVERY_CODES = 10
_PENDING = "two_factor_pending"


def begin(request, user, next_url):
    """Remember that ``user`` gave the right password; nobody is signed in yet."""
    request.session.cycle_key()
    request.session[_PENDING] = {"user": user.pk, "backend": user.backend,
                                 "next": next_url, "at": time.time()}


def pending_user(request):
    """The user whose password was right a moment ago, or ``None``."""
    pending = request.session.get(_PENDING)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        return None
    user = auth.get_user_model().objects.filter(pk=pending["user"], is_active=True,
                                                is_staff=True).first()
    if user is not None:
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


def verify(user, code):
    """The device (app or recovery codes) that accepts ``code``, or ``None``."""
    return match_token(user, code)


def unconfirmed_app(user):
    """The authenticator app being added, made once and kept until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="App", confirmed=False)


def qr_data_uri(device):
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    output = io.BytesIO()
    image.save(output)
    return "data:image/svg+xml;base64," + base64.b64encode(output.getvalue()).decode()


def secret(device):
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i:i + 4] for i in range(0, len(key), 4))


@transaction.atomic
def confirm_app(device, code):
    """Confirm the new app with a code from it; returns fresh recovery codes, or ``None``."""
    if not device.verify_token(code):
        return None
    device.confirmed = True
    device.save()
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
