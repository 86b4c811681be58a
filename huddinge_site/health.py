"""``/health/`` for load balancers: is the database answering, is the cache?

The answer is 200 when both work and 503 otherwise, with a small JSON body
saying which part failed. A failing cache is reported but the site itself keeps
serving without it (see ``page_cache``).
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
    token = uuid.uuid4().hex
    cache.set("health:probe", token, 10)
    return cache.get("health:probe") == token


@never_cache
def health(request):
    results = {}
    for name, check in (("database", _database), ("cache", _cache)):
        try:
            results[name] = "ok" if check() else "failing"
        except Exception as error:
            logger.warning("Health check of %s failed: %s", name, error)
            results[name] = "failing"
    healthy = all(value == "ok" for value in results.values())
    return JsonResponse(results, status=200 if healthy else 503)
