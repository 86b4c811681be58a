"""No stale page after a cache fault: Redis paused, full or restored from a snapshot, and a
full disk under the file cache, each while a post changes.

Each Redis test runs its own redis-server (Debian's), so it can be paused, filled and
restarted without touching the machine's shared one.
"""

import os
import shutil
import signal
import subprocess
import time
import urllib.request

import pytest
import redis
from django.test import Client

from benchmarks.servers import Gunicorn, free_port
from core import front_cache, page_cache
from tests.factories import PostFactory
from tests.nodes import node_env
from tests.test_resilience import health_while_stopped

pytestmark = pytest.mark.django_db(transaction=True)
needs_redis_server = pytest.mark.skipif(shutil.which("redis-server") is None,
                                        reason="needs Debian's redis-server")


class RedisServer:
    def __init__(self, folder):
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.start()

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder), "--dbfilename", "dump.rdb"],
            stdout=subprocess.DEVNULL,
        )
        self.client = redis.Redis.from_url(self.url)
        until(lambda: self._answers(), "redis-server to start")

    def _answers(self):
        try:
            return self.client.ping()
        except redis.ConnectionError:
            return False

    def stop(self):
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGCONT)
            self.process.terminate()
            self.process.wait(timeout=10)


def until(condition, what, timeout=10.0):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout} s for {what}")
        time.sleep(0.05)


def title_on_page(url):
    response = Client().get(url)
    assert response.status_code == 200
    return response


def warm(post):
    """The post's page and the home page cached, as readers left them."""
    for url in (post.get_absolute_url(), "/"):
        title_on_page(url)
        assert title_on_page(url)["X-Page-Cache"] == "hit"


def rename(post, title):
    post.title = title
    post.save()


def shows(title, post):
    return all(title in title_on_page(url).content.decode()
               for url in (post.get_absolute_url(), "/"))


def stored_page_is_stale(post):
    """What another server would find in Redis: the old page no longer counts as fresh."""
    cache = page_cache.get_cache()
    path = post.get_absolute_url()
    page = cache.get(page_cache._page_key(path))
    tags = page_cache.tags_for(path)
    versions = page_cache._versions(tags)
    return page is None or page["versions"] != [versions[tag] for tag in tags]


@needs_redis_server
def test_an_edit_while_redis_is_paused_is_applied_when_it_resumes(own_redis):
    post = PostFactory(title="Gammal rubrik")
    warm(post)
    os.kill(own_redis.process.pid, signal.SIGSTOP)
    try:
        rename(post, "Ny rubrik")
        assert shows("Ny rubrik", post), "served uncached meanwhile"
    finally:
        os.kill(own_redis.process.pid, signal.SIGCONT)
    assert stored_page_is_stale(post), "the change's versions were written with it"
    page_cache.outage.until = 0.0
    assert shows("Ny rubrik", post)
    assert title_on_page(post.get_absolute_url())["X-Page-Cache"] == "hit"


@needs_redis_server
def test_an_edit_while_redis_is_full_leaves_no_fresh_old_page(own_redis):
    post = PostFactory(title="Gammal rubrik")
    warm(post)
    own_redis.client.config_set("maxmemory-policy", "noeviction")
    own_redis.client.config_set("maxmemory", own_redis.client.info("memory")["used_memory"])
    with pytest.raises(redis.exceptions.OutOfMemoryError):
        own_redis.client.set("fill", "x" * 100_000)
    rename(post, "Ny rubrik")
    assert stored_page_is_stale(post), "another server would not serve the old page"
    page_cache.outage.until = 0.0
    assert shows("Ny rubrik", post)
    own_redis.client.config_set("maxmemory", 0)
    page_cache.outage.until = 0.0
    assert shows("Ny rubrik", post)


@needs_redis_server
def test_redis_restored_from_an_old_snapshot_serves_no_old_page(own_redis):
    post = PostFactory(title="Gammal rubrik")
    warm(post)
    own_redis.client.save()
    rename(post, "Ny rubrik")
    warm(post)
    own_redis.process.kill()
    own_redis.process.wait()
    own_redis.start()
    assert own_redis.client.dbsize() > 0, "the snapshot, with its old versions, is back"
    time.sleep(1.0)
    page_cache.outage.until = 0.0
    assert shows("Ny rubrik", post)


@needs_redis_server
def test_a_restore_is_noticed_at_once_when_a_request_met_redis_down(own_redis):
    post = PostFactory(title="Gammal rubrik")
    warm(post)
    own_redis.client.save()
    rename(post, "Ny rubrik")
    warm(post)
    own_redis.process.kill()
    own_redis.process.wait()
    assert shows("Ny rubrik", post), "served uncached while Redis is down"
    own_redis.start()
    page_cache.outage.until = 0.0
    assert shows("Ny rubrik", post)
    warm(post)
    assert shows("Ny rubrik", post), "and cached again"


@needs_redis_server
def test_a_paused_redis_is_never_answered_from_a_workers_memory(own_redis, tmp_path):
    post = PostFactory(title="Gammal rubrik")
    env = node_env(tmp_path / "node", REDIS_URL=own_redis.url, CACHE_KEY_PREFIX="faults",
                   PAGE_CACHE_STATUS_HEADER="1")
    server = Gunicorn(env, workers=1, threads=1)
    url = server.url(post.get_absolute_url())
    try:
        assert [cache_status(url) for _ in range(2)] == ["miss", "hit"]
        os.kill(own_redis.process.pid, signal.SIGSTOP)
        try:
            assert cache_status(url) is None, "rendered, not a copy the worker kept"
        finally:
            os.kill(own_redis.process.pid, signal.SIGCONT)
    finally:
        server.stop()


def cache_status(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers.get("X-Page-Cache")


@pytest.fixture
def small_disk(settings, tmp_path):
    """The file cache on a 1 MB tmpfs, which can be filled for real."""
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)],
                             capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("mounting a small tmpfs needs root")
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                                   "LOCATION": str(folder / "default")}}
    page_cache.outage.until = 0.0
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=True)
    front_cache.sender.failing = False
    page_cache.outage.until = 0.0


def fill(path):
    """Write until not one more byte fits."""
    with open(path, "wb", buffering=0) as out:
        for size in (65536, 4096, 512, 1):
            try:
                while True:
                    out.write(b"x" * size)
            except OSError:
                continue


def test_an_edit_while_the_file_cache_disk_is_full_leaves_no_fresh_old_page(small_disk):
    post = PostFactory(title="Gammal rubrik")
    warm(post)
    filler = small_disk / "filler"
    fill(filler)
    rename(post, "Ny rubrik")
    assert stored_page_is_stale(post)
    page_cache.outage.until = 0.0
    assert shows("Ny rubrik", post)
    filler.unlink()
    page_cache.outage.until = 0.0
    assert shows("Ny rubrik", post)
    title_on_page(post.get_absolute_url())
    assert title_on_page(post.get_absolute_url())["X-Page-Cache"] == "hit"


@needs_redis_server
def test_health_answers_within_half_a_second_with_redis_paused(own_redis, client):
    response, took = health_while_stopped(own_redis.process, client)
    assert response.status_code == 200 and took < 0.8, took
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "failing",
                               "media": "ok"}
