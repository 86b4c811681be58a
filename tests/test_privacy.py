"""Commenters' e-mail addresses never go public; their data can be exported and erased."""

import json
import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from comments.models import Comment
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


def test_export_command_prints_all_comments_of_an_address(seeded_site):
    out = StringIO()
    call_command("export_commenter_data", SECRET.upper(), stdout=out)
    data = json.loads(out.getvalue())
    assert len(data) == 3
    assert {row["post__title"] for row in data} == {"Om skolan"}


def test_erase_command_anonymises_and_keeps_text_and_thread(seeded_site):
    call_command("erase_commenter_data", SECRET, stdout=StringIO())
    assert not Comment.objects.filter(author_email__iexact=SECRET).exists()
    erased = Comment.objects.get(body="Godkänd kommentar")
    assert (erased.author_name, erased.author_url, erased.ip_address) == ("Anonym", "", None)
    assert erased.replies.count() == 1


def test_erase_can_remove_the_text_too(seeded_site):
    call_command("erase_commenter_data", SECRET, "--remove-text", stdout=StringIO())
    assert not Comment.objects.filter(body="Godkänd kommentar").exists()
    assert Comment.objects.filter(body="[borttagen på kommentatorns begäran]").count() == 3


def test_purge_clears_old_ip_addresses_only():
    old = CommentFactory(submitted_at=timezone.now() - timedelta(days=61))
    new = CommentFactory(submitted_at=timezone.now() - timedelta(days=59))
    call_command("purge_comment_ips", stdout=StringIO())
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.ip_address is None and new.ip_address == "192.0.2.10"


def test_admin_actions_export_and_erase(client, moderator, seeded_site):
    client.force_login(moderator)
    comment = Comment.objects.filter(author_email=SECRET).first()
    response = client.post("/admin/comments/comment/?status=all", {
        "action": "export_personal_data", "_selected_action": [comment.pk],
    })
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert len(json.loads(response.content)[SECRET]) == 3
    client.post("/admin/comments/comment/?status=all", {
        "action": "erase_personal_data", "_selected_action": [comment.pk],
    })
    assert not Comment.objects.filter(author_email__iexact=SECRET).exists()


def test_erasure_shows_at_once_on_cached_pages(client, seeded_site):
    from django.test import Client

    html = Client().get(seeded_site.get_absolute_url()).content.decode()
    assert "Godkänd kommentar" in html
    call_command("erase_commenter_data", SECRET, stdout=StringIO())
    response = Client().get(seeded_site.get_absolute_url())
    assert "Anonym" in response.content.decode()
