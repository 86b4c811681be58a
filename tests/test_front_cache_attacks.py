"""Attacks on the front cache, through a real Varnish before gunicorn: who may ban, what
makes a new cached copy, what a plain-HTTP request leaves behind, what visitors learn."""

import shutil
import urllib.error
import urllib.request
import uuid

import pytest

from tests.factories import PostFactory
from tests.nodes import Node, diagnostic_headers, front_ports, share_file_cache

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(shutil.which("varnishd") is None,
                       reason="needs Debian's varnish (installed by .ci/run)"),
]


def fetch(url, method="GET", **headers):
    """``(status, headers, body)``, error statuses included, redirects not followed."""

    class NoRedirects(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirects)
    request = urllib.request.Request(url, method=method, headers=headers)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def cached(url, **headers):
    """Whether the front cache answered ``url`` from its store."""
    return fetch(url, **diagnostic_headers(), **headers)[1]["X-Cache"] == "hit"


def start_node(tmp_path, settings, **extra):
    (port,) = front_ports(1)
    share_file_cache(settings, tmp_path / "node")
    settings.FRONT_CACHE_URLS = [f"http://127.0.0.1:{port}"]
    return Node(tmp_path / "node", port, settings.FRONT_CACHE_URLS, **extra)


@pytest.fixture
def node(tmp_path, settings):
    server = start_node(tmp_path, settings)
    yield server
    server.stop()


def ban(node, **headers):
    return fetch(node.url("/"), method="BAN", **{"X-Ban-Tags": "0" * 16, **headers})[0]


def test_only_the_application_may_ban_and_only_it_sees_diagnostics(node):
    PostFactory(title="Budget för Huddinge")
    fetch(node.url("/"))
    assert cached(node.url("/"))
    assert ban(node) == 403, "loopback is where every visitor comes from behind a TLS proxy"
    assert ban(node, **{"X-Front-Cache-Key": "guess"}) == 403
    assert cached(node.url("/"))
    assert ban(node, **diagnostic_headers()) == 200
    status, headers, _ = fetch(node.url("/"))
    assert status == 200
    assert "X-Cache" not in headers and "Age" not in headers
    assert "Server" not in headers and "X-Varnish" not in headers


def test_made_up_parameters_hosts_languages_and_cookies_share_one_copy(node):
    PostFactory(title="Skolor i Flemingsberg")
    fetch(node.url("/"))
    assert cached(node.url("/"))
    for _ in range(20):
        junk = uuid.uuid4().hex
        assert cached(node.url(f"/?x={junk}&utm_source={junk}"))
        assert cached(node.url("/"), **{"Accept-Language": f"en-{junk[:2]},fr;q=0.{junk[0]}"})
    fetch(node.url("/?s=skolor&x=1"))
    assert cached(node.url("/?x=2&s=skolor"))
    assert not cached(node.url("/?page=2&s=skolor"))
    other_port = node.url("/").split(":")[2].split("/")[0] + "1"
    assert cached(node.url("/"), Host=f"127.0.0.1:{other_port}")
    assert fetch(node.url("/"), Host="evil.example")[0] == 400
    assert fetch(node.url("/"), Host=f"localhost:{other_port}")[0] == 400


def test_a_plain_http_request_leaves_no_redirect_for_https_readers(tmp_path, settings):
    server = start_node(tmp_path, settings, DJANGO_BEHIND_PROXY="1",
                        DJANGO_SECURE_SSL_REDIRECT="1")
    try:
        PostFactory(title="Trygghet i centrum")
        for _ in range(2):
            status, headers, _ = fetch(server.url("/"), **{"X-Forwarded-Proto": "http"})
            assert status == 301 and "private" in headers["Cache-Control"]
            status, _, html = fetch(server.url("/"), **{"X-Forwarded-Proto": "https"})
            assert status == 200 and "Trygghet i centrum" in html
    finally:
        server.stop()
