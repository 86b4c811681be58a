"""Commenters' e-mail addresses never go public; old IP addresses are purged."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.factories import CategoryFactory, CommentFactory, PostFactory, TagFactory

pytestmark = pytest.mark.django_db
SECRET = "hemlig.person@example.se"


@pytest.fixture
def seeded_site():
    category, tag = CategoryFactory(name="Skola"), TagFactory(name="budget")
    post = PostFactory(title="Om skolan")
    post.categories.add(category)
    post.tags.add(tag)
    parent = CommentFactory(post=post, author_email=SECRET, author_url="https://hemlig.se",
                            body="Godkänd kommentar")
    CommentFactory(post=post, parent=parent, author_email=SECRET.upper())
    CommentFactory(post=post, author_email=SECRET, status="pending")
    return post


def crawl(client, start_urls):
    """Follow every same-site link from the start pages; return {url: body}."""
    seen, queue, pages = set(), list(start_urls), {}
    while queue and len(seen) < 200:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        body = response.content.decode(errors="replace")
        pages[url] = body
        for link in re.findall(r'(?:href|src)="(/[^"#]*)"', body):
            if not link.startswith(("/admin", "/static", "/media")):
                queue.append(link.replace("&amp;", "&"))
    return pages


def test_email_appears_on_no_public_page_feed_or_sitemap(client, seeded_site):
    start = ["/", "/feed/", "/feed/atom/", "/comments/feed/", f"/comments/feed/{seeded_site.pk}/",
             "/sitemap.xml", "/robots.txt", "/press/", "/?s=skolan", "/finns-inte/",
             f"{seeded_site.get_absolute_url()}?replytocom=1"]
    pages = crawl(client, start)
    assert len(pages) > 10
    for url, body in pages.items():
        assert SECRET not in body.lower(), url
        assert "hemlig.person" not in body.lower(), url


def test_purge_clears_old_ip_addresses_only():
    old = CommentFactory(submitted_at=timezone.now() - timedelta(days=61))
    new = CommentFactory(submitted_at=timezone.now() - timedelta(days=59))
    call_command("purge_comment_ips", stdout=StringIO())
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.ip_address is None and new.ip_address == "192.0.2.10"
