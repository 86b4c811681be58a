"""One render per page at a time, when a busy page is missing from the cache.

When a popular page's cache entry has just been invalidated (a comment approved
during a rush), every request for it misses at once; rendering it in all of them
at the same time is a stampede that can time out even a big server. Instead the
first request renders and stores the page, and the others wait for that copy.

Threads of one process queue on a lock for the page (one of a fixed set, so memory
does not grow with the number of pages); processes and machines take turns through
a short-lived key in the shared cache (``add`` is atomic in Redis). A waiter that
sees no fresh copy when its turn comes, because the render was not storable or
took longer than ``PAGE_CACHE_RENDER_WAIT`` seconds, renders the page itself: waiting
never turns into an error, and nobody is ever served a copy older than the change
(no stale-while-revalidate).
"""

import threading
import time
import zlib
from contextlib import contextmanager

from django.conf import settings

_STRIPES = [threading.Lock() for _ in range(256)]
_POLL_SECONDS = 0.05


def _local_lock(key):
    return _STRIPES[zlib.crc32(key.encode()) % len(_STRIPES)]


@contextmanager
def one_render(cache, key, fresh_copy):
    """Yield the copy of ``key`` another request stored meanwhile (``fresh_copy()``),
    or ``None`` when this request should render it; hold the turn until the block ends."""
    wait = settings.PAGE_CACHE_RENDER_WAIT
    local = _local_lock(key)
    got_local = local.acquire(timeout=wait)
    shared_key = f"{key}:rendering"
    shared = False
    try:
        page = _safely(fresh_copy)
        if page is None:
            shared = bool(_safely(lambda: cache.add(shared_key, 1, int(wait) + 5)))
            if not shared:
                page = _wait_for(cache, shared_key, fresh_copy, time.monotonic() + wait)
        yield page
    finally:
        if shared:
            _safely(lambda: cache.delete(shared_key))
        if got_local:
            local.release()


def _wait_for(cache, shared_key, fresh_copy, deadline):
    while time.monotonic() < deadline:
        time.sleep(_POLL_SECONDS)
        page = _safely(fresh_copy)
        if page is not None or not _safely(lambda: cache.get(shared_key)):
            return page
    return None


def _safely(operation):
    """A failing cache only costs the single flight, never the request."""
    try:
        return operation()
    except Exception:
        return None
