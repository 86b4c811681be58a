"""A part's fault noticed once, then the part left alone for a while.

A part that is down (the page cache's Redis unreachable or its disk full, the media store
stalled) must never take the site down, nor make every request wait for it in turn: once a
call fails, callers skip the part for ``pause`` seconds and answer as they do without it.
"""

import logging
import time

logger = logging.getLogger(__name__)


class Outage:
    def __init__(self, part: str, pause: float = 10.0):
        self.part, self.pause, self.until = part, pause, 0.0

    def active(self) -> bool:
        return time.monotonic() < self.until

    def record(self, error: Exception) -> None:
        if not self.active():
            logger.warning("%s unavailable, skipped for %g s: %s", self.part, self.pause, error)
        self.until = time.monotonic() + self.pause
