"""Two servers as a cluster: separate processes and folders, one PostgreSQL, one Redis,
one S3-compatible bucket, each behind its own Varnish. What one does, the other shows.

Every request names the one public host, as a load balancer would pass it on.
"""

import json
import os
import shutil
import signal
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis
from django.conf import settings as django_settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from core import front_cache
from tests.factories import PostFactory, StaffFactory, image_upload
from tests.nodes import Node, diagnostic_headers, front_ports
from tests.test_front_cache import settled
from tests.test_outbox import retitle_elsewhere

pytest_plugins = ["tests.s3"]
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql" or not os.environ.get("REDIS_URL"),
                       reason="the cluster runs on PostgreSQL and Redis"),
    pytest.mark.skipif(shutil.which("varnishd") is None, reason="needs Varnish"),
]
CSRF = "k" * 32


def start_cluster(tmp_path, settings, store):
    ports = front_ports(2)
    fronts = [f"http://127.0.0.1:{port}" for port in ports]
    settings.FRONT_CACHE_URLS = fronts
    nodes = []
    try:
        for name, port in zip("ab", ports, strict=True):
            nodes.append(Node(tmp_path / name, port, fronts, site_url=fronts[0],
                              DJANGO_NODE_COUNT="2", **store.environment()))
    except Exception:
        stop(nodes)
        raise
    return nodes


def stop(nodes):
    for node in nodes:
        node.stop()


@pytest.fixture
def cluster(tmp_path, settings, bucket):
    nodes = start_cluster(tmp_path, settings, bucket)
    yield nodes
    stop(nodes)


@pytest.fixture
def cluster_on_own_store(tmp_path, settings, own_store):
    """The cluster on a store of this test's own, which it may stall."""
    settings.STORAGES = {**settings.STORAGES, "default": own_store.storage_setting()}
    nodes = start_cluster(tmp_path, settings, own_store)
    yield nodes, own_store
    stop(nodes)


def request(url, host, data=None, headers=None, method=None):
    headers = {"Host": host, **diagnostic_headers(), **(headers or {})}
    sent = urllib.request.Request(url, data=data, headers=headers, method=method)
    with urllib.request.urlopen(sent, timeout=15) as response:
        return response.status, response.headers, response.read()


def staff_cookie():
    """A signed-in editor's session (two-step sign-in done), stored in the shared database."""
    user = StaffFactory(is_superuser=True)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    session = SessionStore()
    session.update({SESSION_KEY: str(user.pk), HASH_SESSION_KEY: user.get_session_auth_hash(),
                    BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                    DEVICE_ID_SESSION_KEY: device.persistent_id})
    session.create()
    return f"{django_settings.SESSION_COOKIE_NAME}={session.session_key}; csrftoken={CSRF}"


def upload(node, host, cookie, data):
    boundary = uuid.uuid4().hex
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="image"; '
            f'filename="foto.jpg"\r\nContent-Type: image/jpeg\r\n\r\n').encode()
    body += data + f"\r\n--{boundary}--\r\n".encode()
    _, _, answer = request(node.url("/markdownx/upload/"), host, body, {
        "Cookie": cookie, "X-CSRFToken": CSRF, "X-Requested-With": "XMLHttpRequest",
        "Content-Type": f"multipart/form-data; boundary={boundary}"})
    return json.loads(answer)["image_code"].split("(")[1].rstrip(")")


def test_an_image_uploaded_on_one_server_is_served_by_the_other(cluster):
    a, b = cluster
    host = a.url("").split("//")[1]
    picture = image_upload(size=(1200, 800)).read()
    path = upload(a, host, staff_cookie(), picture)
    status, headers, served = request(b.url(path), host)
    assert status == 200 and headers["Content-Type"] == "image/jpeg"
    assert served == request(a.url(path), host)[2]
    for node in cluster:
        assert not list(node.var_dir.glob("media/**/*.jpg")), "nothing on a server's own disk"


def title_seen(node, host, path):
    return request(node.url(path), host)[2].decode()


def shown_everywhere(cluster, host, paths, title, since, within):
    """Wait until every page in ``paths`` shows ``title`` on every server, failing once
    ``within`` seconds have passed ``since``."""
    for node in cluster:
        for path in paths:
            while title not in title_seen(node, host, path):
                assert time.monotonic() - since < within, f"{path} stale on {node.url('')}"
                time.sleep(0.02)


def still_shown_everywhere(cluster, host, paths, title):
    """A second later, no server or front cache has brought an old copy back."""
    time.sleep(1)
    for node in cluster:
        for path in paths:
            assert title in title_seen(node, host, path)


def redis_pid():
    return redis.Redis.from_url(os.environ["REDIS_URL"]).info("server")["process_id"]


def edit_and_time(post, title, cluster, host, paths):
    post.title = title
    post.save()
    committed = time.monotonic()
    shown_everywhere(cluster, host, paths, title, committed, within=1.0)
    return time.monotonic() - committed


def warm(cluster, host, paths):
    """Each page stored by both front caches, once this process's bans (and the one that
    follows each) are sent, so no ban of an earlier change drops it meanwhile."""
    settled()
    time.sleep(front_cache.REBAN_SECONDS + 0.3)
    for node in cluster:
        for path in paths:
            title_seen(node, host, path)
            assert request(node.url(path), host)[1]["X-Cache"] == "hit"


def test_an_edit_is_fresh_on_both_servers_and_their_front_caches_within_a_second(cluster):
    a, _ = cluster
    host = a.url("").split("//")[1]
    post = PostFactory(title="Gammal rubrik")
    paths = ["/", post.get_absolute_url(), "/feed/"]
    warm(cluster, host, paths)
    assert edit_and_time(post, "Ny rubrik", cluster, host, paths) < 1.0


def test_an_edit_while_redis_is_paused_leaves_no_stale_page(cluster):
    a, _ = cluster
    host = a.url("").split("//")[1]
    post = PostFactory(title="Gammal rubrik")
    paths = ["/", post.get_absolute_url()]
    warm(cluster, host, paths)
    pid = redis_pid()
    os.kill(pid, signal.SIGSTOP)
    try:
        post.title = "Ny rubrik"
        post.save()
        time.sleep(2)
    finally:
        os.kill(pid, signal.SIGCONT)
    shown_everywhere(cluster, host, paths, "Ny rubrik", time.monotonic(), within=3.0)
    still_shown_everywhere(cluster, host, paths, "Ny rubrik")


def test_an_edit_by_a_one_shot_command_killed_during_a_redis_pause_is_fresh_everywhere(cluster):
    """The command saves while Redis is paused and is killed (SIGKILL) the moment its
    transaction commits: within a second of Redis's return every page is fresh on both
    servers and through both front caches, and stays so."""
    a, _ = cluster
    host = a.url("").split("//")[1]
    post = PostFactory(title="Gammal rubrik")
    paths = ["/", post.get_absolute_url(), "/feed/"]
    warm(cluster, host, paths)
    pid = redis_pid()
    os.kill(pid, signal.SIGSTOP)
    try:
        done = retitle_elsewhere(post, "Ny rubrik", a.env, killed_after_commit=True)
        assert done.returncode == -signal.SIGKILL, done.stderr
    finally:
        os.kill(pid, signal.SIGCONT)
    shown_everywhere(cluster, host, paths, "Ny rubrik", time.monotonic(), within=1.0)
    still_shown_everywhere(cluster, host, paths, "Ny rubrik")


def test_health_checked_on_both_servers_at_once_reports_no_fault(cluster):
    host = cluster[0].url("").split("//")[1]
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda node: request(node.url("/health/"), host),
                                cluster * 40))
    statuses = [json.loads(body)["status"] for _, _, body in answers]
    assert statuses == ["ok"] * 80, f"{80 - statuses.count('ok')} of 80 checks saw a fault"


def test_with_one_servers_application_down_its_readers_get_the_last_good_page(cluster):
    a, b = cluster
    host = a.url("").split("//")[1]
    post = PostFactory(title="Gammal rubrik")
    path = post.get_absolute_url()
    warm(cluster, host, [path])
    a.app.stop()
    post.title = "Ny rubrik"
    post.save()
    deadline = time.monotonic() + 3
    while "Ny rubrik" not in title_seen(b, host, path):
        assert time.monotonic() < deadline, "the other server stays stale"
        time.sleep(0.05)
    status, _, body = request(a.url(path), host)
    assert status == 200 and "Gammal rubrik" in body.decode(), "the last good copy, not an error"


def test_with_the_store_stalled_both_servers_serve_pages_and_say_degraded(cluster_on_own_store):
    nodes, store = cluster_on_own_store
    host = nodes[0].url("").split("//")[1]
    post = PostFactory(title="Under avbrott")
    os.kill(store.process.pid, signal.SIGSTOP)
    try:
        for node in nodes:
            started = time.monotonic()
            status, _, body = request(node.url("/health/"), host)
            took = time.monotonic() - started
            assert status == 200 and took < 1.0, took
            assert json.loads(body)["media"] == "failing"
            assert "Under avbrott" in title_seen(node, host, post.get_absolute_url())
    finally:
        os.kill(store.process.pid, signal.SIGCONT)
