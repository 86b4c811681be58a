"""``/health/`` for load balancers: is the database answering, is the cache?

The site serves pages without its cache (see ``page_cache``) but not without its
database, so ``status`` is ``ok`` when both answer, ``degraded`` when only the
cache fails (still 200: a balancer must keep sending readers) and ``down`` when
the database fails (503: take this node out). The body names each part's state.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _cache():
    """A key of this check's own: checks running at once never read each other's."""
    token = uuid.uuid4().hex
    key = f"health:probe:{token}"
    cache.set(key, token, 10)
    answered = cache.get(key) == token
    cache.delete(key)
    return answered


@never_cache
def health(request):
    results = {}
    for name, check in (("database", _database), ("cache", _cache)):
        try:
            results[name] = "ok" if check() else "failing"
        except Exception as error:
            logger.warning("Health check of %s failed: %s", name, error)
            results[name] = "failing"
    if results["database"] != "ok":
        return JsonResponse({"status": "down", **results}, status=503)
    status = "ok" if results["cache"] == "ok" else "degraded"
    return JsonResponse({"status": status, **results})
