"""Brute-force protection for the admin login, on top of django-axes.

Failures are counted per (username, address) and per address. An account is locked for a
client after ``AXES_FAILURE_LIMIT`` wrong passwords from that address; an address is locked
for every account after ``LOGIN_ADDRESS_FAILURE_LIMIT`` failures across accounts. Locking
by username alone would let anyone keep the real admin out by typing wrong passwords for
``admin`` from anywhere; guessing one account from many addresses is what the second
factor is for.

A successful login forgets only that account's failures from that address. Axes'
stock reset deletes everything matching any lockout parameter, so one editor login
from an address wiped the failures recorded there against every other account.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def _failures(attempts):
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class LoginThrottle(AxesDatabaseHandler):
    def _recent(self, request):
        return AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address,
            attempt_time__gte=get_cool_off_threshold(request),
        )

    def get_failures(self, request, credentials=None):
        recent = self._recent(request)
        if _failures(recent) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            return settings.AXES_FAILURE_LIMIT
        username = get_client_username(request, credentials)
        return _failures(recent.filter(username=username))

    def reset_user_attempts(self, request, credentials=None):
        username = get_client_username(request, credentials)
        deleted, _ = AccessAttempt.objects.filter(
            username=username, ip_address=request.axes_ip_address
        ).delete()
        return deleted
