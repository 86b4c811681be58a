"""Absolute addresses come from SITE_URL: a forged Host header cannot reach a cached page."""

import re

import pytest
from django.test import Client

from posts import images
from tests.factories import PostFactory, image_upload

pytestmark = pytest.mark.django_db
FORGED = {"HTTP_HOST": "localhost:31337", "HTTP_X_FORWARDED_PROTO": "https"}


@pytest.fixture
def behind_proxy(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


@pytest.fixture
def post():
    post = PostFactory(featured_image_alt="Kommunhuset")
    post.featured_image = images.reencode(image_upload(size=(800, 400)))
    post.save()
    return post


def addresses(html):
    return set(re.findall(r"(?:https?:)?//[a-z0-9.:\[\]-]+", html))


@pytest.mark.parametrize("path", ["/feed/", "/feed/atom/", "/sitemap.xml", "/robots.txt",
                                  "/comments/feed/"])
def test_feeds_sitemap_and_robots_name_the_site_whatever_the_host_header(
        behind_proxy, post, path):
    html = Client().get(path, **FORGED).content.decode()
    assert "31337" not in html and "https://testserver" not in html
    assert "http://testserver" in html


def test_canonical_and_open_graph_addresses_name_the_site(behind_proxy, post):
    html = Client().get(post.get_absolute_url(), **FORGED).content.decode()
    assert f'<link rel="canonical" href="http://testserver{post.get_absolute_url()}">' in html
    card = type(post).objects.get(pk=post.pk).share_image_url()
    assert f'<meta property="og:image" content="http://testserver{card}">' in html
    assert addresses(html) <= {"http://testserver", "//www.w3.org"}


@pytest.mark.parametrize("path", ["/", "/feed/", "/sitemap.xml", "post"])
def test_a_page_asked_for_under_another_host_is_never_stored(post, path):
    path = post.get_absolute_url() if path == "post" else path
    forged = Client().get(path, HTTP_HOST="localhost:31337")
    assert "X-Page-Cache" not in forged and "private" in forged["Cache-Control"]
    assert Client().get(path)["X-Page-Cache"] == "miss"
    assert Client().get(path)["X-Page-Cache"] == "hit"


@pytest.mark.parametrize(("path", "title"), [("/", "Huddingebloggen"),
                                             ("/2026/11/", "November 2026")])
def test_home_and_archives_have_canonical_and_open_graph_tags(client, path, title):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    PostFactory(published_at=datetime(2026, 11, 20, 12, tzinfo=ZoneInfo("Europe/Stockholm")))
    html = client.get(path).content.decode()
    assert f'<link rel="canonical" href="http://testserver{path}">' in html
    assert f'<meta property="og:title" content="{title}">' in html
    assert '<meta property="og:image" content="http://testserver/static/share.png">' in html


def test_a_post_without_a_featured_image_shares_its_own_card(client):
    html = client.get(PostFactory().get_absolute_url()).content.decode()
    assert '<meta property="og:image" content="http://testserver/media/share/' in html
