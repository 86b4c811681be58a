"""Bans for the front caches (Varnish), so a change shows through them at once.

Every public page leaves with an ``X-Cache-Tags`` header, a short token per page-cache tag.
A committed change sends its tags to every front cache in ``FRONT_CACHE_URLS`` as one
``BAN``; Varnish marks each page naming one of them stale (an ``xkey`` soft purge,
``deploy/varnish.vcl``): never served while the application answers, kept for readers when
it does not. The ban runs in the outbox's thread after the page cache's versions were
written (``core.outbox``), and again ``REBAN_SECONDS`` later for a page rendered from the old
versions just before the commit that reached Varnish just after the first ban.

A ban is taken only with ``key()``, derived from the secret key, never by the client's
address: behind a TLS terminator on the same machine every visitor comes from loopback.
"""

import hashlib
import logging
import time
import urllib.request
from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings
from django.utils.crypto import salted_hmac

logger = logging.getLogger(__name__)
REBAN_SECONDS = 0.5
KEY_HEADER = "X-Front-Cache-Key"


def key():
    """What authorises a ban (and shows Varnish's diagnostic headers): the same on every
    server that shares ``SECRET_KEY``, and telling nothing about it."""
    return salted_hmac("core.front_cache.key", "ban", algorithm="sha256").hexdigest()


@lru_cache(maxsize=4096)
def token(tag):
    return hashlib.sha256(tag.encode()).hexdigest()[:16]


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
    """Drop the pages with any of ``tags`` from every front cache (raising if one did not
    take it), then once more ``REBAN_SECONDS`` later."""
    if not settings.FRONT_CACHE_URLS or not tags:
        return
    _ban_everywhere(tags)
    time.sleep(REBAN_SECONDS)
    try:
        _ban_everywhere(tags)
    except OSError as error:
        logger.warning("The second front cache ban failed: %s", error)
