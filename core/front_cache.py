"""Bans for the front caches (Varnish): a change shows through them at once, and no fault
loses one.

Every public page leaves the application with an ``X-Cache-Tags`` header, a short token per
page-cache tag (``core.page_cache``). A front cache is another server, told by a request over
the network, and work kept in a process's memory dies with it; so a change's tags are written
as a ``PendingInvalidation`` row in the change's own transaction (``record``). After the
commit a thread of the process sends them to every front cache in ``FRONT_CACHE_URLS`` as one
``BAN``, which marks every stored page naming one of them stale (an ``xkey`` soft purge,
``deploy/varnish.vcl``): never served again while the application answers, still there for
readers when it does not. Then the row is deleted. A row not sent (a front cache restarting,
the process killed) stays, and every web process (``PAGE_CACHE_SWEEP``) sends what it finds
every ``SWEEP_SECONDS``: whoever is alive finishes the work. Sending twice costs a miss, so
racing needs no lock. A page whose rendering overlapped the commit goes out private
(``core.page_cache``); a second ban follows ``REBAN_SECONDS`` later, for one rendered just
before the commit that reaches a front cache just after the first; and no front cache keeps
a page longer than ``PAGE_CACHE_SHARED_SECONDS`` in any case.

A front cache takes a ban only with ``key()``, derived from the secret key and sent as
``X-Front-Cache-Key``: never by the client's address, since behind a TLS terminator on the
same machine every visitor comes from loopback.
"""

import hashlib
import logging
import threading
import urllib.request
from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings
from django.db import connections, transaction
from django.utils.crypto import salted_hmac

logger = logging.getLogger(__name__)
KEY_HEADER = "X-Front-Cache-Key"
REBAN_SECONDS = 0.5
SWEEP_SECONDS = 1.0


def key():
    """What authorises a ban (and shows a front cache's diagnostic headers): the same on
    every server that shares ``SECRET_KEY``, and telling nothing about it."""
    return salted_hmac("core.front_cache.key", "ban", algorithm="sha256").hexdigest()


@lru_cache(maxsize=4096)
def token(tag):
    return hashlib.sha256(tag.encode()).hexdigest()[:16]


def header_value(tags: Iterable[str]) -> str:
    """The ``X-Cache-Tags`` header of a page with ``tags``."""
    return ",".join(token(tag) for tag in tags)


def record(tags: Iterable[str]) -> None:
    """Keep ``tags`` with the current transaction, to be sent once it commits."""
    from .models import PendingInvalidation

    if settings.FRONT_CACHE_URLS:
        PendingInvalidation.objects.create(tags=sorted(tags))
        transaction.on_commit(sender.nudge, robust=True)


def send(tags: Iterable[str]) -> None:
    """One BAN per front cache, raising if any of them did not take it."""
    pattern = "|".join(sorted(token(tag) for tag in tags))
    failed = []
    for url in settings.FRONT_CACHE_URLS:
        request = urllib.request.Request(  # noqa: S310 (http addresses from the settings)
            url.rstrip("/") + "/", method="BAN", headers={"X-Ban-Tags": pattern, KEY_HEADER: key()})
        try:
            with urllib.request.urlopen(request, timeout=2) as response:  # noqa: S310
                response.read()
        except OSError as error:
            failed.append(f"{url}: {error}")
    if failed:
        raise OSError("; ".join(failed))


def _send_again(tags):
    try:
        send(tags)
    except OSError as error:
        logger.warning("The second front cache ban failed: %s", error)


class Sender:
    """The process's thread that sends the rows: started by its first commit, or by a web
    process at once, to sweep for rows others left."""

    def __init__(self):
        self.wake = threading.Event()
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None
        self.failing = self.stopping = False

    def nudge(self):
        self.start()
        self.wake.set()

    def start(self):
        with self.lock:
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._run, name="bans", daemon=True)
                self.thread.start()

    def stop(self):
        """End the thread once it has sent what it holds (a test's sender of its own)."""
        self.stopping = True
        self.wake.set()
        if self.thread:
            self.thread.join()

    def _run(self):
        while not self.stopping:
            self.wake.wait(SWEEP_SECONDS if self.failing or settings.PAGE_CACHE_SWEEP else None)
            self.wake.clear()
            try:
                self.sweep()
            except Exception as error:
                self.failing = True
                logger.debug("Sweeping for bans failed: %s", error)
            finally:
                connections.close_all()

    def sweep(self):
        """Send every pending row's tags at once, then delete the rows."""
        from .models import PendingInvalidation

        rows = list(PendingInvalidation.objects.all()[:500])
        if rows:
            tags = set().union(*(row.tags for row in rows))
            try:
                send(tags)
            except OSError as error:
                if not self.failing:
                    logger.warning("Bans of %d tags not sent yet: %s", len(tags), error)
                self.failing = True
                return
            threading.Timer(REBAN_SECONDS, _send_again, (tags,)).start()
            PendingInvalidation.objects.filter(pk__in=[row.pk for row in rows]).delete()
            if self.failing:
                logger.warning("Sent %d delayed bans", len(rows))
        self.failing = False


sender = Sender()
