"""Deferring per-object side effects during bulk work, to run them once at the end.

A WordPress import saves thousands of posts and comments; recounting a post's
comments or invalidating its cached pages after each one would repeat the same
work thousands of times (and queue as many on-commit callbacks). Code that
does such work calls ``absorb`` first: inside ``batched()`` the items are kept
and handed to ``flush`` once when the block ends.
"""

import threading
from contextlib import contextmanager


class Deferred:
    def __init__(self, flush):
        self.flush = flush
        self._local = threading.local()

    @contextmanager
    def batched(self):
        """Keep items until the block ends; a batch inside a batch is part of the outer one,
        which flushes them all once."""
        if getattr(self._local, "items", None) is not None:
            yield
            return
        self._local.items = set()
        try:
            yield
        finally:
            items, self._local.items = self._local.items, None
            if items:
                self.flush(items)

    def absorb(self, items):
        """Keep ``items`` for the end of the open batch; ``False`` when there is none."""
        pending = getattr(self._local, "items", None)
        if pending is None:
            return False
        pending.update(items)
        return True
