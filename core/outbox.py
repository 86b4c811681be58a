"""The change and what it touched, in one transaction.

A change to what pages show (a post retitled, a comment approved) must reach every
cache: the page cache's tag versions in Redis or the file cache, and every front
cache's stored pages. Work kept in a process's memory dies with it, and a one-shot
``manage.py`` command that saves during a Redis pause is gone before Redis returns.
So the tags are recorded as a ``PendingInvalidation`` row in the transaction that
makes the change: the change and its invalidation commit together or not at all.

After the commit a thread of the process applies the row (``apply`` is given by the
page cache: new versions, then a ban to every front cache) and deletes it, off the
request thread. A row that could not be applied (Redis paused, a front cache
restarting) or whose process died stays: the thread that failed tries again every
``SWEEP_SECONDS``, and every web process (``PAGE_CACHE_SWEEP``) looks for such rows as
often and applies them, so whoever is alive finishes the work.
Applying twice is harmless (one more miss), so two processes racing for a row need
no lock.
"""

import logging
import threading
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import connections, transaction

logger = logging.getLogger(__name__)
SWEEP_SECONDS = 1.0


class Outbox:
    def __init__(self, apply: Callable[[set[str]], None]):
        self.apply = apply
        self.wake = threading.Event()
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None
        self.failing = False

    def record(self, tags: Iterable[str]) -> None:
        """Keep ``tags`` with the current transaction; apply them once it commits."""
        from .models import PendingInvalidation

        PendingInvalidation.objects.create(tags=sorted(tags))
        transaction.on_commit(self.nudge, robust=True)

    def nudge(self):
        self.start()
        self.wake.set()

    def start(self):
        """Run this process's applier (once); it also sweeps for rows others left."""
        with self.lock:
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._run, name="outbox", daemon=True)
                self.thread.start()

    def _run(self):
        while True:
            polling = self.failing or settings.PAGE_CACHE_SWEEP
            self.wake.wait(SWEEP_SECONDS if polling else None)
            self.wake.clear()
            try:
                self.sweep()
            except Exception as error:
                self.failing = True
                logger.debug("Outbox sweep failed: %s", error)
            finally:
                connections.close_all()

    def sweep(self) -> bool:
        """Apply every pending row, all of their tags at once; ``True`` when none is left."""
        from .models import PendingInvalidation

        rows = list(PendingInvalidation.objects.all()[:500])
        if not rows:
            self.failing = False
            return True
        tags = set().union(*(row.tags for row in rows))
        try:
            self.apply(tags)
        except Exception as error:
            if not self.failing:
                logger.warning("Invalidation of %d tags not applied yet: %s", len(tags), error)
            self.failing = True
            return False
        PendingInvalidation.objects.filter(pk__in=[row.pk for row in rows]).delete()
        if self.failing:
            logger.warning("Applied %d delayed invalidations", len(rows))
        self.failing = False
        return True
