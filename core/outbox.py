"""The change and what it touched, in one transaction, for the front caches.

The page cache's versions are rows in the change's own transaction (``core.page_cache``); a
front cache (Varnish) is another server, told by a ban over the network, and work kept in a
process's memory dies with it (a one-shot ``manage.py`` command saving while Varnish
restarts is gone before Varnish returns). So the tags are also written as a
``PendingInvalidation`` row in that transaction. After the commit a thread of the process
applies the row (``apply``: the bans) and deletes it, off the request thread. A row that could
not be applied, or whose process died, stays; the thread retries every ``SWEEP_SECONDS``, and
every web process (``PAGE_CACHE_SWEEP``) sweeps as often, so whoever is alive finishes the
work. Applying twice costs a miss, so racing needs no lock.
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
