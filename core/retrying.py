"""Work that failed once and must still happen: kept and tried again until it succeeds.

An invalidation the cache would not take (Redis paused or full, a full disk)
or a ban a front cache did not answer would otherwise be lost, and the page it
was for would stay stale until it expires. Instead the tags are kept here, and
a background thread applies them again every ``interval`` seconds until the
apply function returns without raising. Tags that arrive meanwhile join the
same retry, so a long outage costs one write when it ends, not one per change.
"""

import logging
import threading
import time

logger = logging.getLogger(__name__)


class Retrying:
    def __init__(self, apply, name, interval=0.5):
        self.apply = apply
        self.name = name
        self.interval = interval
        self.tags = set()
        self.lock = threading.Lock()
        self.thread = None

    def __bool__(self):
        return bool(self.tags)

    def forget(self):
        """Drop what is pending: the cache it was for was emptied or replaced."""
        with self.lock:
            self.tags.clear()

    def add(self, tags):
        with self.lock:
            self.tags |= set(tags)
            if self.thread is None:
                self.thread = threading.Thread(target=self._retry, name=self.name, daemon=True)
                self.thread.start()

    def _retry(self):
        while True:
            time.sleep(self.interval)
            with self.lock:
                tags = set(self.tags)
                if not tags:
                    self.thread = None
                    return
            try:
                self.apply(tags)
            except Exception as error:
                logger.debug("%s: still failing: %s", self.name, error)
                continue
            with self.lock:
                self.tags -= tags
                if not self.tags:
                    self.thread = None
                    logger.warning("%s: applied %d delayed invalidations", self.name, len(tags))
                    return
