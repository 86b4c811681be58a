"""How long pages and their pieces may be kept: ``PAGE_CACHE_SECONDS``, and never past the
next scheduled publication, which no event announces. The posts app registers that deadline;
asking is a query, so a request asks once (kept in ``request_memo()`` until it finishes),
other code every time.
"""

import time
from collections.abc import Callable

from asgiref.local import Local
from django.conf import settings
from django.core.signals import request_finished, request_started

_deadlines: list[Callable[[], float | None]] = []
_request = Local()


def expire_by(deadline: Callable[[], float | None]) -> None:
    """Keep nothing past what ``deadline()`` (a Unix time or ``None``) says."""
    _deadlines.append(deadline)


def request_memo() -> dict:
    """What the current request has read once (empty and new outside a request)."""
    memo = getattr(_request, "memo", None)
    return {} if memo is None else memo


def seconds_to_keep() -> int:
    memo = request_memo()
    if "deadline" not in memo:
        memo["deadline"] = min(filter(None, (deadline() for deadline in _deadlines)), default=None)
    if memo["deadline"] is None:
        return settings.PAGE_CACHE_SECONDS
    return max(1, min(settings.PAGE_CACHE_SECONDS, int(memo["deadline"] - time.time()) + 1))


def _begin(**kwargs):
    _request.memo = {}


def _end(**kwargs):
    _request.memo = None


request_started.connect(_begin, dispatch_uid="lifetimes.begin")
request_finished.connect(_end, dispatch_uid="lifetimes.end")
