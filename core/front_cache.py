"""Bans for the front caches (Varnish), so a change shows through them at once.

Every public page leaves the application with an ``X-Cache-Tags`` header: a
short token per page-cache tag (``core.page_cache``). When a change commits,
the same tags go to every front cache in ``FRONT_CACHE_URLS`` as one ``BAN``
request, and Varnish marks every stored page whose header names one of them stale
(an ``xkey`` soft purge, ``deploy/varnish.vcl``): never served again while the
application answers, still there for readers when it does not. Bans are exact,
like the page cache's own tags: nothing else is touched.

Why a change is visible through every front cache within a second:

* the ban goes out right after the commit, which wrote the page cache's new
  versions, so whatever a front cache fetches next is rendered from the
  committed data;
* a second ban follows ``REBAN_SECONDS`` later: a request that was answered from
  the old versions just before the commit may reach a front cache just after the
  ban, and that copy is dropped then;
* a ban that fails (a front cache restarting, a network fault) leaves the
  invalidation in the outbox, applied again until every front cache took it
  (``core.outbox``);
* and, should every retry fail for long, no front cache keeps a page longer than
  ``PAGE_CACHE_SHARED_SECONDS`` (its ``s-maxage``).

A front cache takes a ban only with the key ``key()`` derives from the secret
key, sent as ``X-Front-Cache-Key``: never by the client's address, since behind
a TLS terminator on the same machine every visitor comes from loopback.
"""

import hashlib
import logging
import threading
import urllib.request
from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings
from django.utils.crypto import salted_hmac

logger = logging.getLogger(__name__)
REBAN_SECONDS = 0.5
TOKEN_LENGTH = 16


KEY_HEADER = "X-Front-Cache-Key"


def key():
    """What authorises a ban (and shows a front cache's diagnostic headers): the same on
    every server that shares ``SECRET_KEY``, and telling nothing about it."""
    return salted_hmac("core.front_cache.key", "ban", algorithm="sha256").hexdigest()


@lru_cache(maxsize=4096)
def token(tag):
    return hashlib.sha256(tag.encode()).hexdigest()[:TOKEN_LENGTH]


def header_value(tags: Iterable[str]) -> str:
    """The ``X-Cache-Tags`` header of a page with ``tags``."""
    return ",".join(token(tag) for tag in tags)


def _ban_everywhere(tags):
    """One BAN per front cache; raises if any of them did not take it."""
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


def ban(tags: Iterable[str]) -> None:
    """Drop the pages with any of ``tags`` from every front cache, now (raising if one did
    not take it) and once more shortly after."""
    if not settings.FRONT_CACHE_URLS or not tags:
        return
    _ban_everywhere(tags)
    again = threading.Timer(REBAN_SECONDS, _ban_again, (tags,))
    again.daemon = True
    again.start()


def _ban_again(tags):
    try:
        _ban_everywhere(tags)
    except OSError as error:
        logger.warning("The second front cache ban failed: %s", error)
