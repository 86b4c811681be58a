"""The site's stylesheet written into the head of every public page.

A linked stylesheet holds the first paint until it has arrived: one more request
before anything shows, on every first visit. The stylesheet is small, so pages
carry it in a ``<style>`` element instead. The security policy still refuses
inline styles (an injected one can hide or fake parts of a page), except this
exact text: its SHA-256 is named in ``style-src`` (``huddinge_site.security``).
"""

import base64
import hashlib
from functools import lru_cache

from django.contrib.staticfiles import finders

STYLESHEET = "css/site.css"


@lru_cache
def stylesheet():
    with open(finders.find(STYLESHEET), encoding="utf-8") as handle:
        return handle.read()


def source():
    """The policy source allowing exactly ``stylesheet()``."""
    digest = hashlib.sha256(stylesheet().encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"
