"""How long pages and their pieces may be kept: ``PAGE_CACHE_SECONDS``, and never past
the next scheduled publication, which no event announces (it adds a post to the lists,
the sidebar's counts and the links under its neighbours).

The posts app registers that deadline. Asking for it is a query; a request that
stores a page and a few rendered pieces asks once (the answer is kept until the
request finishes). Outside a request it is asked every time.
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


def _upcoming():
    found = [value for value in (deadline() for deadline in _deadlines) if value is not None]
    return min(found, default=None)


def _next_deadline():
    memo = getattr(_request, "memo", None)
    if memo is None:
        return _upcoming()
    if "deadline" not in memo:
        memo["deadline"] = _upcoming()
    return memo["deadline"]


def seconds_to_keep() -> int:
    ttl = settings.PAGE_CACHE_SECONDS
    upcoming = _next_deadline()
    if upcoming is not None:
        ttl = max(1, min(ttl, int(upcoming - time.time()) + 1))
    return ttl


def _begin(**kwargs):
    _request.memo = {}


def _end(**kwargs):
    _request.memo = None


request_started.connect(_begin, dispatch_uid="lifetimes.begin")
request_finished.connect(_end, dispatch_uid="lifetimes.end")
