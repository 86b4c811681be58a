"""Test settings: the real settings with a fast password hasher and throwaway media."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("DJANGO_DEBUG", "1")

from .settings import *  # noqa: F403
from .settings import CACHES, DATABASES, MEDIA_STORAGE, REDIS_URL

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="huddinge-test-media-"))
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": MEDIA_STORAGE,
    "imports": {"BACKEND": "core.storage.WholeFileStorage",
                "OPTIONS": {"location": tempfile.mkdtemp(prefix="huddinge-test-imports-")}},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if not REDIS_URL:
    CACHES = {
        alias: {**options, "LOCATION": tempfile.mkdtemp(prefix=f"huddinge-test-{alias}-")}
        for alias, options in CACHES.items()
    }
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file, not shared-cache memory, so concurrent tests wait for SQLite's lock as
    # production does instead of failing with "table is locked".
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.mkdtemp(prefix="huddinge-test-db-")) / "test.sqlite3")
    }
    DATABASES["default"]["OPTIONS"]["init_command"] = "PRAGMA synchronous=OFF;"
SERVE_MEDIA = True
PAGE_CACHE_STATUS_HEADER = True
SITE_URL = "http://testserver"
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="huddinge-test-static-"))
