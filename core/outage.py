"""A cache fault noticed once, then the cache left alone for a while.

A cache that is down (Redis unreachable, a full disk) must never take the site down, nor
make every request wait for it: pages are served uncached for ``pause`` seconds. Stale
pages cannot outlive an outage by more than ``PAGE_CACHE_SECONDS``, since every page expires.
"""

import logging
import time

logger = logging.getLogger("core.page_cache")


class Outage:
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
