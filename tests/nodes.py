"""Real application servers for tests: gunicorn with production settings on the test
database and cache, optionally behind Varnish, as ``scripts/serve`` runs them."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.db import connection

from benchmarks.servers import Gunicorn, Varnish, free_port
from core import front_cache

ROOT = Path(__file__).resolve().parent.parent


def database_url():
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return f"sqlite:///{db['NAME']}"


def node_env(var_dir, **extra):
    """A production server's environment, sharing this test's database and Redis."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "huddinge_site.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_TRUSTED_PROXY_COUNT": "1",
        "DJANGO_VAR_DIR": str(var_dir),
        "DJANGO_LOG_LEVEL": "ERROR",
        "DATABASE_URL": database_url(),
        "DATABASE_CONN_MAX_AGE": "0",
        **extra,
    }
    Path(var_dir).mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
                   cwd=ROOT, env=env, check=True)
    return env


def share_file_cache(test_settings, var_dir):
    """Without Redis, point this test's cache at the server's folders, as one machine."""
    if "REDIS_URL" not in os.environ:
        test_settings.CACHES = {"default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(Path(var_dir) / "cache")}}


def share_site_folders(test_settings, var_dir):
    """This test's cache, media and uploaded exports in ``var_dir``, where a worker started
    with ``worker_env(var_dir)`` finds them, as on one machine."""
    share_file_cache(test_settings, var_dir)
    test_settings.VAR_DIR = var_dir
    test_settings.MEDIA_ROOT = var_dir / "media"
    test_settings.STORAGES = {**test_settings.STORAGES, "imports": {
        "BACKEND": "core.storage.WholeFileStorage", "OPTIONS": {"location": var_dir / "imports"}}}


class Node:
    """gunicorn behind its own Varnish; ``front_urls`` are every node's front caches, and
    ``site_url`` the one public address (by default this node's front cache)."""

    def __init__(self, var_dir, front_port, front_urls, site_url=None, **extra):
        public = site_url or f"http://127.0.0.1:{front_port}"
        self.var_dir = Path(var_dir)
        self.env = node_env(var_dir, SITE_URL=public, FRONT_CACHE_URLS=",".join(front_urls),
                            **extra)
        self.app = Gunicorn(self.env, workers=2, threads=4)
        self.front = Varnish(self.app.port, var_dir, self.env, memory="64m", port=front_port)
        self.url = self.front.url

    def stop(self):
        self.front.stop()
        self.app.stop()


def front_ports(count):
    return [free_port() for _ in range(count)]


def diagnostic_headers():
    """What makes a front cache say whether it answered from its store (``X-Cache``)."""
    return {front_cache.KEY_HEADER: front_cache.key()}


def worker_env(var_dir, **extra):
    """The background worker's environment: this test's database, cache and folders."""
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "huddinge_site.settings",
            "DJANGO_DEBUG": "1", "DJANGO_SECRET_KEY": settings.SECRET_KEY,
            "DJANGO_VAR_DIR": str(var_dir), "DATABASE_URL": database_url(),
            "DATABASE_CONN_MAX_AGE": "0", "DJANGO_LOG_LEVEL": "WARNING", **extra}


def run_worker(var_dir, **extra):
    """The background worker (``manage.py db_worker``) doing all queued work, then stopping."""
    return subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
        cwd=ROOT, env=worker_env(var_dir, **extra), capture_output=True, text=True,
        check=True, timeout=300)


class Worker:
    """The background worker running beside a live server, as ``scripts/run`` starts it."""

    def __init__(self, var_dir, **extra):
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.2",
             "--no-startup-delay", "--no-reload"],
            cwd=ROOT, env=worker_env(var_dir, **extra))

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
