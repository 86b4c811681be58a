"""An invalidation commits with the change it belongs to: the page cache's versions with
it, the front caches' bans sent by whoever is alive (``core.front_cache``). A process killed
right after its commit, or a one-shot command that saved while Redis was paused, loses
nothing."""

import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from benchmarks.servers import free_port
from core import front_cache, page_cache
from core.models import PendingInvalidation
from tests.factories import PostFactory
from tests.nodes import ROOT, worker_env
from tests.test_cache_faults import needs_redis_server, shows, until, warm
from tests.test_front_cache import front_cache_listening, get, needs_varnish

pytestmark = pytest.mark.django_db(transaction=True)


def retitle_elsewhere(post, title, env, killed_after_commit=False):
    """Another process (``manage.py shell``) retitles the post, and may be killed with
    SIGKILL the moment its transaction commits, before any of its own work after it."""
    code = "\n".join([
        "import os, signal",
        "from django.db import transaction",
        "from posts.models import Post",
        f"post = Post.objects.get(pk={post.pk})",
        "with transaction.atomic():",
        "    transaction.on_commit(lambda: os.kill(os.getpid(), signal.SIGKILL))"
        if killed_after_commit else "    pass",
        f"    post.title = {title!r}",
        "    post.save()",
    ])
    return subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=60)


@needs_varnish
def test_a_process_killed_right_after_its_commit_leaves_its_bans_to_the_servers(node):
    post = PostFactory(title="Gammal rubrik")
    address = node.url(post.get_absolute_url())
    get(address)
    headers, html = get(address)
    assert headers["X-Cache"] == "hit" and "Gammal rubrik" in html
    done = retitle_elsewhere(post, "Ny rubrik", node.env, killed_after_commit=True)
    assert done.returncode == -signal.SIGKILL, done.stderr
    until(lambda: "Ny rubrik" in get(address)[1], "a server to apply the dead process's bans",
          timeout=3)
    until(lambda: not PendingInvalidation.objects.exists(), "the outbox to empty", timeout=3)


@needs_redis_server
def test_an_edit_by_a_one_shot_command_during_a_redis_pause_shows_when_it_returns(
        own_redis, tmp_path):
    post = PostFactory(title="Gammal rubrik")
    warm(post)
    os.kill(own_redis.process.pid, signal.SIGSTOP)
    try:
        env = worker_env(tmp_path, REDIS_URL=own_redis.url, CACHE_KEY_PREFIX="faults",
                         PAGE_CACHE_SWEEP="0")
        done = retitle_elsewhere(post, "Ny rubrik", env)
        assert done.returncode == 0, done.stderr
    finally:
        os.kill(own_redis.process.pid, signal.SIGCONT)
    page_cache.outage.until = 0.0
    assert shows("Ny rubrik", post), "the command is gone; the versions it wrote are not"


def test_bans_a_one_shot_command_left_while_varnish_refused_are_sent_by_a_server(
        settings, tmp_path):
    post = PostFactory(title="Gammal rubrik")
    port = free_port()
    settings.FRONT_CACHE_URLS = [f"http://127.0.0.1:{port}/"]
    done = retitle_elsewhere(post, "Ny rubrik", worker_env(
        tmp_path, FRONT_CACHE_URLS=f"http://127.0.0.1:{port}/", PAGE_CACHE_SWEEP="0"))
    assert done.returncode == 0, done.stderr
    assert PendingInvalidation.objects.exists(), "the command is gone; its bans are not"
    settings.PAGE_CACHE_SWEEP = True
    server = front_cache.Sender()
    with front_cache_listening(port) as received:
        server.start()
        try:
            until(lambda: not PendingInvalidation.objects.exists(), "this process to send them",
                  timeout=3)
        finally:
            server.stop()
    assert front_cache.token(page_cache.page_tag(post.get_absolute_url())) in received[0]


def test_saves_nested_in_one_transaction_are_sent_once_after_it(settings):
    from django.db import transaction

    senders = {thread for thread in threading.enumerate() if thread.name == "bans"}
    assert senders <= {front_cache.sender.thread}, "no earlier test's sender sweeps too"
    first, second = PostFactory(), PostFactory()
    port = free_port()
    settings.FRONT_CACHE_URLS = [f"http://127.0.0.1:{port}/"]
    with front_cache_listening(port) as received:
        with transaction.atomic():
            first.title = "Ett"
            first.save()
            with transaction.atomic():
                second.title = "Två"
                second.save()
            assert received == [], "nothing reaches a cache before the commit"
        until(lambda: received, "the commit's ban")
        time.sleep(front_cache.REBAN_SECONDS + 0.3)
    assert len(received) == 2, "the ban and the one that follows it"
    assert received[0] == received[1]
    banned = received[0].split("|")
    assert {front_cache.token(page_cache.page_tag(first.get_absolute_url())),
            front_cache.token(page_cache.page_tag(second.get_absolute_url()))} <= set(banned)
    assert not PendingInvalidation.objects.exists()
