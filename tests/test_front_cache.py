"""The front cache (Varnish) before gunicorn: public pages from it, personal ones through,
and a change visible through it within a second of the commit."""

import contextlib
import http.server
import shutil
import threading
import time
import urllib.request
from datetime import timedelta

import pytest
from django.core import signing
from django.test.signals import template_rendered
from django.utils import timezone

from benchmarks.servers import free_port
from core import front_cache, page_cache
from core.models import PendingInvalidation
from tests.factories import CategoryFactory, PostFactory
from tests.nodes import diagnostic_headers

pytestmark = pytest.mark.django_db(transaction=True)
needs_varnish = pytest.mark.skipif(shutil.which("varnishd") is None,
                                   reason="needs Debian's varnish (installed by .ci/run)")


def get(url, **headers):
    """``url`` through a front cache, with the key that shows its diagnostic headers."""
    request = urllib.request.Request(url, headers={**diagnostic_headers(), **headers})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers, response.read().decode()


@needs_varnish
def test_public_pages_are_served_by_the_front_cache_and_personal_ones_pass(node):
    post = PostFactory(title="Cykelvägar i Flemingsberg")
    settled()
    for path in ("/", post.get_absolute_url(), "/feed/"):
        assert get(node.url(path))[0]["X-Cache"] == "miss"
        headers, html = get(node.url(path))
        assert headers["X-Cache"] == "hit" and "Cykelvägar i Flemingsberg" in html
        assert "X-Cache-Tags" not in headers
    pending = f"comment_pending={signing.dumps([1], salt='comment_pending')}"
    for _ in range(2):
        assert get(node.url("/"), Cookie="sessionid=abc")[0]["X-Cache"] == "miss"
        assert get(node.url(post.get_absolute_url()), Cookie=pending)[0]["X-Cache"] == "miss"
        assert get(node.url("/admin/login/"))[0]["X-Cache"] == "miss"


@needs_varnish
def test_an_edit_is_visible_through_the_front_cache_within_a_second(node):
    category = CategoryFactory(name="Trafik")
    post = PostFactory(title="Gammal rubrik")
    settled()
    post.categories.add(category)
    paths = ["/", post.get_absolute_url(), "/feed/", f"/category/{category.slug}/"]
    for path in paths:
        get(node.url(path))
        assert get(node.url(path))[0]["X-Cache"] == "hit"
    post.title = "Ny rubrik"
    post.save()
    committed = time.monotonic()
    for path in paths:
        while "Ny rubrik" not in get(node.url(path))[1]:
            assert time.monotonic() - committed < 1.0, f"{path} still old after 1 s"
            time.sleep(0.02)
    assert time.monotonic() - committed < 1.0


@needs_varnish
def test_a_busy_page_a_change_made_stale_is_fetched_from_the_application_once(node):
    """Many readers at once on a page a change just banned: Varnish asks gunicorn once and
    holds the others for that answer (its waiting list), so a popular post whose comment was
    just approved is not rendered once per reader."""
    post = PostFactory(title="Budgeten")
    settled()
    url = node.url(post.get_absolute_url())
    get(url)
    assert get(url)[0]["X-Cache"] == "hit"
    post.title = "Budgeten för 2027"
    post.save()
    settled()
    time.sleep(front_cache.REBAN_SECONDS + 0.3)
    answers = rush(url, readers=8)
    assert sorted(headers["X-Cache"] for headers, _ in answers) == ["hit"] * 7 + ["miss"]
    assert all("Budgeten för 2027" in html for _, html in answers)


def rush(url, readers):
    """``readers`` readers asking for ``url`` at the same moment."""
    start, answers = threading.Barrier(readers), []

    def read():
        start.wait()
        answers.append(get(url))

    threads = [threading.Thread(target=read) for _ in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return answers


@needs_varnish
def test_the_front_cache_refuses_malformed_bans(node):
    request = urllib.request.Request(node.url("/"), method="BAN",
                                     headers={"X-Ban-Tags": ".*", **diagnostic_headers()})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=5)
    assert refused.value.code == 400


class BanRecorder(http.server.BaseHTTPRequestHandler):
    received: list[str] = []

    def do_BAN(self):
        self.received.append(self.headers["X-Ban-Tags"])
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def front_cache_listening(port):
    """A server on ``port`` taking bans as a front cache would; yields the tags each named."""
    BanRecorder.received = []
    server = http.server.HTTPServer(("127.0.0.1", port), BanRecorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield BanRecorder.received
    finally:
        server.shutdown()
        server.server_close()


def test_a_ban_no_front_cache_took_is_sent_again_until_one_does(settings):
    port = free_port()
    settings.FRONT_CACHE_URLS = [f"http://127.0.0.1:{port}"]
    page_cache.invalidate({"lists"})
    wait_for(lambda: front_cache.sender.failing)
    assert PendingInvalidation.objects.exists(), "nothing listens yet: the ban is kept"
    with front_cache_listening(port) as received:
        wait_for(lambda: not PendingInvalidation.objects.exists())
        assert any(front_cache.token("lists") in ban.split("|") for ban in received)


def settled():
    """Wait until this process applied its own invalidations (after the commit, in a thread),
    so pages stored from now on stay stored."""
    wait_for(lambda: not PendingInvalidation.objects.exists())


def wait_for(condition, timeout=5):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "waited too long"
        time.sleep(0.05)


def test_pages_tell_shared_caches_to_keep_them_no_longer_than_the_next_publication(client):
    PostFactory()
    PostFactory(published_at=timezone.now() + timedelta(seconds=20))
    control = client.get("/")["Cache-Control"]
    assert "s-maxage=" in control
    assert int(control.split("s-maxage=")[1].split(",")[0]) <= 21


def test_pages_carry_their_tags_for_the_front_cache_only_when_there_is_one(client, settings):
    PostFactory()
    assert "X-Cache-Tags" not in client.get("/")
    settings.FRONT_CACHE_URLS = ["http://127.0.0.1:9"]
    tags = client.get("/?page=1")["X-Cache-Tags"].split(",")
    assert front_cache.token("lists") in tags and front_cache.token("everything") in tags


def test_a_page_cached_before_the_front_cache_was_configured_still_carries_its_tags(
        client, settings):
    PostFactory()
    client.get("/")
    settings.FRONT_CACHE_URLS = ["http://127.0.0.1:9"]
    response = client.get("/")
    assert response["X-Page-Cache"] == "hit"
    assert front_cache.token("lists") in response["X-Cache-Tags"].split(",")


def test_pages_served_while_the_page_cache_is_down_are_still_tagged_for_bans(client, settings):
    from core import page_cache

    PostFactory()
    settings.FRONT_CACHE_URLS = ["http://127.0.0.1:9"]
    page_cache.outage.record(OSError("test"))
    try:
        response = client.get("/")
    finally:
        page_cache.outage.until = 0.0
    assert "s-maxage" in response["Cache-Control"] and "X-Page-Cache" not in response
    assert front_cache.token("lists") in response["X-Cache-Tags"].split(",")


@pytest.mark.django_db(transaction=False)
def test_a_page_rendered_while_a_change_commits_is_kept_by_no_cache(client, settings):
    """A reader whose page was rendered from the data before a change gets it, but no cache
    keeps it: it could reach a front cache after every ban of that change. The change is
    saved as the sidebar is drawn, after the list of posts."""
    post = PostFactory(title="Gammal rubrik")
    settings.FRONT_CACHE_URLS = ["http://127.0.0.1:9"]

    def edit_meanwhile(sender, template, **kwargs):
        if template.name != "_about.html":
            return
        template_rendered.disconnect(edit_meanwhile)
        post.title = "Ny rubrik"
        post.save()

    template_rendered.connect(edit_meanwhile)
    raced = client.get("/")
    fresh = client.get("/")
    assert "Gammal rubrik" in raced.content.decode()
    assert "private" in raced["Cache-Control"] and "X-Cache-Tags" not in raced
    assert "X-Page-Cache" not in raced
    assert "Ny rubrik" in fresh.content.decode() and fresh["X-Page-Cache"] == "miss"
    assert "s-maxage" in fresh["Cache-Control"] and client.get("/")["X-Page-Cache"] == "hit"


@needs_varnish
def test_with_the_application_down_the_front_cache_says_so_in_swedish(node):
    import urllib.error

    node.app.stop()
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(node.url("/archive/"), timeout=10)
    page = answer.value.read().decode()
    assert answer.value.code == 503 and answer.value.headers["Retry-After"] == "30"
    assert "Webbplatsen är tillfälligt otillgänglig" in page and "Guru Meditation" not in page
    assert answer.value.headers["Cache-Control"] == "no-store"


@needs_varnish
def test_with_the_application_down_readers_get_the_last_good_page_even_after_a_change(node):
    """A change marks pages stale, not gone: while the application is down, readers get
    the last good copy instead of an error page."""
    post = PostFactory(title="Skolan i Flemingsberg")
    settled()
    address = node.url(post.get_absolute_url())
    get(address)
    assert get(address)[0]["X-Cache"] == "hit"
    node.app.stop()
    assert "Skolan i Flemingsberg" in get(address)[1]
    post.title = "Skolan i Flemingsberg, ändrad"
    post.save()
    wait_for(lambda: not PendingInvalidation.objects.exists())
    html = get(address)[1]
    assert "<h1>Skolan i Flemingsberg</h1>" in html, "the last good copy, not an error"
    assert "Guru Meditation" not in html
