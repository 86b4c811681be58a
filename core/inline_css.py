"""The site's stylesheet written into the head of every public page.

A linked stylesheet holds the first paint until it has arrived: one more request
before anything shows, on every first visit. The stylesheet is small, so pages
carry it in a ``<style>`` element instead, headed by the two shades of the owner's
accent (``core.theme``). The security policy still refuses inline styles (an
injected one can hide or fake parts of a page), except this exact text: its
SHA-256 is named in ``style-src`` (``huddinge_site.security``), per accent.
"""

import base64
import hashlib
from functools import lru_cache

from django.contrib.staticfiles import finders

from . import theme

STYLESHEET = "css/site.css"


@lru_cache
def _site_css():
    with open(finders.find(STYLESHEET), encoding="utf-8") as handle:
        return handle.read()


@lru_cache(maxsize=8)
def stylesheet(accent: str = theme.DEFAULT_ACCENT) -> str:
    return theme.variables(accent) + _site_css()


@lru_cache(maxsize=8)
def source(accent: str = theme.DEFAULT_ACCENT) -> str:
    """The policy source allowing exactly ``stylesheet(accent)``."""
    digest = hashlib.sha256(stylesheet(accent).encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"
