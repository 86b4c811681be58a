"""``/health/`` for load balancers: is the database answering, the cache, the media store?

The site serves pages without its cache (see ``page_cache``) and without its media
store (pages are text; their images fail), but not without its database, so
``status`` is ``ok`` when all answer, ``degraded`` when the cache or the media store
fails (still 200: a balancer must keep sending readers) and ``down`` when the
database fails (503: take this node out). The body names each part's state.

A balancer gives a check a short timeout, and a part that hangs (Redis paused, a
stalled store) would otherwise hang every server's check at once and take the whole
cluster out. So every part is asked in a thread of its own and given until
``BUDGET_SECONDS`` after the check began; one that has not answered by then counts
as failing, and the answer goes out within the budget whatever hangs. Each part has
its own two threads, which keep their connections; a new worker makes them at once
(``prepare``), since the store's client takes about 0.1 s to make, longer on a busy
server, and checks arriving meanwhile would say ``degraded`` for a fault not there.
"""

import logging
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as Late

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)
BUDGET_SECONDS = 0.5
_pools = {name: ThreadPoolExecutor(max_workers=2, thread_name_prefix=f"health-{name}")
          for name in ("database", "cache", "media")}


def _database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    finally:
        connections.close_all()


def _cache():
    """A key of this check's own: checks running at once never read each other's."""
    token = uuid.uuid4().hex
    key = f"health:probe:{token}"
    cache.set(key, token, 10)
    answered = cache.get(key) == token
    cache.delete(key)
    return answered


def _media():
    """Asking whether a file exists is a read the store must answer (a HEAD on S3)."""
    default_storage.exists("health-probe")
    return True


def prepare():
    """Start each part's two threads with their connections (run in each new worker)."""
    for name, check in (("cache", _cache), ("media", _media)):
        for _ in range(2):
            _pools[name].submit(check)


@never_cache
def health(request):
    deadline = time.monotonic() + BUDGET_SECONDS
    checks = {"database": _database, "cache": _cache, "media": _media}
    asked = {name: _pools[name].submit(check) for name, check in checks.items()}
    results = {}
    for name, answer in asked.items():
        try:
            results[name] = "ok" if answer.result(max(0, deadline - time.monotonic())) \
                else "failing"
        except Late:
            logger.warning("Health check of %s took longer than %s s", name, BUDGET_SECONDS)
            results[name] = "failing"
        except Exception as error:
            logger.warning("Health check of %s failed: %s", name, error)
            results[name] = "failing"
    if results["database"] != "ok":
        return JsonResponse({"status": "down", **results}, status=503)
    status = "ok" if set(results.values()) == {"ok"} else "degraded"
    return JsonResponse({"status": status, **results})
