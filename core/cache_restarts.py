"""Noticing that Redis came back as another server, perhaps from an old snapshot.

A snapshot brings back old tag versions with the pages stored under them: they agree with
each other, not with the database. Redis names each start with a ``run_id``, and the one the
versions were written under is kept in Redis; when they differ, every page is invalidated
by whichever process sees it first. Asking costs a round trip, so each process asks once a
second, and at once after a cache error: old pages outlive a restore by that second at most.
"""

import threading
import time
from collections.abc import Callable

from django.core.cache.backends.redis import RedisCache

SERVER_KEY = "pagecache:server"
INTERVAL = 1.0


class RestartWatch:
    def __init__(self, get_cache: Callable[[], object], restarted: Callable[[], None]):
        self.get_cache = get_cache
        self.restarted = restarted
        self.checked = 0.0
        self.lock = threading.Lock()

    def recheck(self):
        self.checked = 0.0

    def check(self) -> None:
        """Call ``restarted()`` if the cache is not the Redis run the versions were written on."""
        cache = self.get_cache()
        if not isinstance(cache, RedisCache) or time.monotonic() - self.checked < INTERVAL:
            return
        with self.lock:
            if time.monotonic() - self.checked < INTERVAL:
                return
            run_id = cache._cache.get_client(write=True).info("server")["run_id"]
            noted = cache.get(SERVER_KEY)
            if noted != run_id:
                if noted is not None:
                    self.restarted()
                cache.set(SERVER_KEY, run_id, None)
            self.checked = time.monotonic()
