"""Rendered pieces of pages (and values they show), for pages rendered again.

A page rendered after a change is mostly pieces that did not change: the cards of untouched
posts, the comments, the sidebar, the menu. Each piece is cached under a key naming all it
shows, or the version of the tag whose pages show it (``by_version``), plus ``release()``
(its templates and translations, so a new release never serves an old look), and kept as
long as pages (``core.lifetimes``). A cache fault only means rendering the piece.
"""

import contextlib
import hashlib
import time
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import get_template
from django.utils import translation

from . import lifetimes, page_cache


@lru_cache
def _release(language, templates):
    digest = hashlib.sha256(language.encode())
    for name in templates:
        digest.update(Path(get_template(name).origin.name).read_bytes())
    for folder in settings.LOCALE_PATHS:
        catalog = Path(folder) / language / "LC_MESSAGES" / "django.mo"
        if catalog.exists():
            digest.update(catalog.read_bytes())
    return digest.hexdigest()[:16]


def digest(values: Iterable[object]) -> str:
    """A short name for exactly ``values`` (by their ``repr``), for keys of pieces that
    are pure functions of what they show."""
    return hashlib.sha256("\x1f".join(map(repr, values)).encode()).hexdigest()[:32]


def release(*templates: str) -> str:
    """A token for ``templates`` and the active language's translations, read once."""
    return _release(translation.get_language() or "", templates)


def get_or_render(wanted: Mapping[str, Callable[[], str]]) -> dict[str, str]:
    """``wanted`` maps keys to functions rendering them; returns key → HTML, rendering
    only what the cache lacks (one ``get_many``, one ``set_many``). Each piece carries
    the time it expires, checked by this server's clock as pages are, so a piece never
    outlives the pages it is part of, whatever the cache's own clock says."""
    cache = page_cache.get_cache()
    now = time.time()
    found = {}
    with contextlib.suppress(Exception):
        found = {key: value for key, (expires, value) in cache.get_many(list(wanted)).items()
                 if expires > now}
    made = {key: render() for key, render in wanted.items() if key not in found}
    if made:
        seconds = lifetimes.seconds_to_keep()
        with contextlib.suppress(Exception):
            cache.set_many({key: (now + seconds, value) for key, value in made.items()},
                           seconds)
    return {**found, **made}


def by_version(tag: str, name: str, compute: Callable[[], Any]) -> Any:
    """``compute()``'s value kept per version of ``tag``: what it reads changes only with
    the pages of that tag, so a change makes a new key. Computed every time while the
    cache cannot say the version."""
    version = page_cache.current_version(tag)
    if not version:
        return compute()
    key = f"{name}:{version}"
    return get_or_render({key: compute})[key]
