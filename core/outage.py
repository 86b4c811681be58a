"""A cache fault noticed once, then the cache left alone for a while."""

import logging
import time

logger = logging.getLogger("core.page_cache")


class Outage:
    """After a cache error, leave the cache alone for a while instead of failing every request.

    A cache that is down (Redis unreachable, a full disk) must never take the
    site down: pages are then served uncached. Stale pages cannot outlive an
    outage by more than ``PAGE_CACHE_SECONDS``, since every page expires.
    """

    def __init__(self, pause=10.0):
        self.pause = pause
        self.until = 0.0

    def active(self):
        return time.monotonic() < self.until

    def record(self, error):
        if not self.active():
            logger.warning("Page cache unavailable, serving uncached: %s", error)
        self.until = time.monotonic() + self.pause


outage = Outage()
