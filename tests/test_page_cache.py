"""Whole-page caching: hits, conditional GET, exact invalidation, nothing personal cached."""

import re
import time
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from comments.models import Comment
from comments.status import set_status
from posts.models import Post
from tests.factories import (
    CategoryFactory,
    CommentFactory,
    DraftFactory,
    PostFactory,
    PressLinkFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db


def fetch(url, client=None):
    response = (client or Client()).get(url)
    return response, response.content.decode()


def test_second_anonymous_request_is_a_hit_with_public_headers(client):
    post = PostFactory()
    first, _ = fetch(post.get_absolute_url())
    second, html = fetch(post.get_absolute_url())
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert post.title in html
    assert second["Cache-Control"] == "public, max-age=0, s-maxage=60"
    assert second["ETag"] == first["ETag"] and "Last-Modified" in second


@pytest.mark.parametrize("url", ["/", "/feed/", "/sitemap.xml"])
def test_conditional_get_answers_304(client, url):
    PostFactory()
    first = client.get(url)
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    since = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
    assert since.status_code == 304


def test_a_feed_is_stored_as_one_piece_of_content(client):
    """A feed is written in thousands of small pieces; stored so, each hit would unpickle and
    join them all again (a third of the speed of a hit on a page)."""
    from core import page_cache

    PostFactory.create_batch(3)
    client.get("/feed/")
    stored = page_cache.get_cache().get(page_cache._page_key("/feed/"))["response"]
    assert len(stored._container) == 1
    assert client.get("/feed/").content == stored.content


def test_changed_page_gets_a_new_etag(client):
    post = PostFactory(title="Före")
    etag = client.get(post.get_absolute_url())["ETag"]
    post.title = "Efter"
    post.save()
    response = client.get(post.get_absolute_url(), headers={"if-none-match": etag})
    assert response.status_code == 200 and "Efter" in response.content.decode()


def test_editing_a_post_shows_at_once_on_its_page_and_lists(other_worker):
    post = PostFactory(title="Gammal rubrik")
    category = CategoryFactory(name="Skola")
    post.categories.add(category)
    urls = [post.get_absolute_url(), "/", "/feed/", f"/category/{category.slug}/"]
    for url in urls:
        fetch(url)
    post.title = "Ny rubrik"
    post.save()
    for url in urls:
        html = fetch(url)[1]
        assert "Ny rubrik" in html and "Gammal rubrik" not in html, url


def test_publishing_and_unpublishing(other_worker):
    draft = DraftFactory(title="Snart publik")
    fetch("/")
    fetch("/sitemap.xml")
    draft.status = Post.Status.PUBLISHED
    draft.save()
    assert "Snart publik" in fetch("/")[1]
    assert draft.slug in fetch("/sitemap.xml")[1]
    fetch(draft.get_absolute_url())
    draft.status = Post.Status.DRAFT
    draft.save()
    assert "Snart publik" not in fetch("/")[1]
    assert fetch(draft.get_absolute_url())[0].status_code == 404


def test_changing_the_date_invalidates_the_old_address(other_worker):
    post = PostFactory()
    old_url = post.get_absolute_url()
    fetch(old_url)
    post.published_at -= timedelta(days=3)
    post.save()
    response, _ = fetch(old_url)
    assert response.status_code == 301 and response["Location"] == post.get_absolute_url()


def test_scheduled_post_appears_when_its_time_comes_without_any_event():
    PostFactory(title="Redan ute")
    Post.objects.create(title="Schemalagd nu", status="published",
                        published_at=timezone.now() + timedelta(seconds=2))
    assert "Schemalagd nu" not in fetch("/")[1]
    assert fetch("/")[0]["X-Page-Cache"] == "hit"
    with time_machine.travel(timezone.now() + timedelta(seconds=3)):
        assert "Schemalagd nu" in fetch("/")[1]


@pytest.mark.parametrize("status", ["approved", "pending", "spam", "trash"])
def test_moderation_actions_show_at_once(other_worker, status):
    post = PostFactory(title="Debatt")
    comment = CommentFactory(post=post, body="Min åsikt",
                             status="pending" if status == "approved" else "approved")
    for url in (post.get_absolute_url(), "/", "/comments/feed/"):
        fetch(url)
    set_status(Comment.objects.filter(pk=comment.pk), status, StaffFactory())
    visible = status == "approved"
    assert ("Min åsikt" in fetch(post.get_absolute_url())[1]) is visible
    assert ("Min åsikt" in fetch("/comments/feed/")[1]) is visible
    assert ("1 svar" in fetch("/")[1]) is visible


def test_changing_the_discussion_settings_shows_at_once(other_worker):
    from comments.models import ModerationSettings

    post = PostFactory(published_at=timezone.now() - timedelta(days=30))
    assert "Kommentarer är stängda." not in fetch(post.get_absolute_url())[1]
    rules = ModerationSettings.current()
    rules.close_after_days = 14
    rules.save()
    assert "Kommentarer är stängda." in fetch(post.get_absolute_url())[1]


def test_deleting_a_comment_and_press_links(other_worker):
    post = PostFactory()
    comment = CommentFactory(post=post, body="Tas bort")
    fetch(post.get_absolute_url())
    comment.delete()
    assert "Tas bort" not in fetch(post.get_absolute_url())[1]
    PressLinkFactory(post=post, title="Ny intervju")
    assert "Ny intervju" in fetch(post.get_absolute_url())[1]
    assert "Ny intervju" in fetch("/press/")[1]


def test_an_unrelated_post_stays_cached(other_worker):
    first, second = PostFactory(), PostFactory()
    fetch(first.get_absolute_url())
    CommentFactory(post=second)
    assert fetch(first.get_absolute_url())[0]["X-Page-Cache"] == "hit"


def test_staff_preview_and_admin_are_never_cached(staff_client):
    draft = DraftFactory(title="Hemligt utkast")
    preview = staff_client.get(draft.get_absolute_url())
    assert "X-Page-Cache" not in preview and "private" in preview["Cache-Control"]
    assert fetch(draft.get_absolute_url())[0].status_code == 404
    login = Client().get("/admin/login/")
    assert "X-Page-Cache" not in login
    assert "X-Page-Cache" not in Client().get("/admin/login/")


def test_own_pending_comment_and_remembered_details_are_never_served_to_others(post_comment):
    post = PostFactory()
    fetch(post.get_absolute_url())
    visitor = Client()
    post_comment(post, browser=visitor, remember="on", body="Min egen text")
    own = visitor.get(post.get_absolute_url())
    assert "Min egen text" in own.content.decode() and "X-Page-Cache" not in own
    assert "private" in own["Cache-Control"]
    for _ in range(2):
        html = fetch(post.get_absolute_url())[1]
        assert "Min egen text" not in html and "karin@example.se" not in html


@pytest.mark.parametrize("cookie", ["sessionid", "comment_pending", "comment_author"])
def test_a_made_up_personal_cookie_is_served_from_the_cache(cookie):
    post = PostFactory()
    fetch(post.get_absolute_url())
    forger = Client()
    forger.cookies[cookie] = "bogus"
    assert forger.get(post.get_absolute_url())["X-Page-Cache"] == "hit"


def test_a_plain_http_redirect_tells_caches_it_is_private(settings):
    settings.SECURE_SSL_REDIRECT = True
    response = Client().get("/")
    assert response.status_code == 301 and "private" in response["Cache-Control"]


def test_comment_form_works_on_a_page_cached_hours_ago(monkeypatch):
    post = PostFactory()
    fetch(post.get_absolute_url())
    response, html = fetch(post.get_absolute_url())
    assert response["X-Page-Cache"] == "hit"
    token = re.search(r'name="timestamp" value="([^"]+)"', html).group(1)
    later = time.time() + 3 * 3600
    monkeypatch.setattr("comments.forms.time.time", lambda: later)
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(f"/comments/post/{post.pk}/", {
        "author_name": "Sen läsare", "author_email": "sen@example.se", "body": "Hej!",
        "timestamp": token, "homepage": "",
    }, headers={"origin": "http://testserver"})
    assert response.status_code == 302
    assert Comment.objects.get().status == "pending"


def test_head_requests_are_served_from_the_cache():
    post = PostFactory()
    fetch(post.get_absolute_url())
    response = Client().head(post.get_absolute_url())
    assert response.status_code == 200 and response["X-Page-Cache"] == "hit"


@pytest.mark.django_db(transaction=True)
def test_a_change_saved_by_another_process_shows_here_at_once(tmp_path):
    import subprocess
    import sys

    from tests.nodes import ROOT, worker_env

    post = PostFactory(title="Före")
    url = post.get_absolute_url()
    fetch(url)
    assert fetch(url)[0]["X-Page-Cache"] == "hit"
    code = (f"from posts.models import Post; post = Post.objects.get(pk={post.pk}); "
            "post.title = 'Efter'; post.save()")
    subprocess.run([sys.executable, "manage.py", "shell", "-c", code], check=True, cwd=ROOT,
                   capture_output=True, env=worker_env(tmp_path, PAGE_CACHE_SWEEP="0"))
    response, html = fetch(url)
    assert "Efter" in html and response["X-Page-Cache"] == "miss"


@pytest.mark.parametrize("kind", ["held", "spam"])
def test_a_comment_nobody_sees_leaves_every_page_cached(post_comment, kind):
    post = PostFactory()
    urls = ["/", post.get_absolute_url(), "/feed/", "/comments/feed/", "/sitemap.xml"]
    for url in urls:
        fetch(url)
    post_comment(post, Client(), homepage="spam.example" if kind == "spam" else "")
    assert Comment.objects.get().status == ("spam" if kind == "spam" else "pending")
    assert {url: fetch(url)[0]["X-Page-Cache"] for url in urls} == dict.fromkeys(urls, "hit")


def test_trashing_a_held_comment_leaves_the_post_page_cached():
    post = PostFactory()
    comment = CommentFactory(post=post, status="pending")
    fetch(post.get_absolute_url())
    set_status(Comment.objects.filter(pk=comment.pk), "trash", StaffFactory())
    assert fetch(post.get_absolute_url())[0]["X-Page-Cache"] == "hit"


def test_tracking_parameters_share_the_one_cached_page():
    post = PostFactory()
    url = post.get_absolute_url()
    fetch(url)
    for query in ("?utm_source=nyhetsbrev", "?fbclid=abc123", "?utm_4f1c=1&gclid=x"):
        assert fetch(url + query)[0]["X-Page-Cache"] == "hit", query


def test_parameters_that_change_the_page_keep_their_own_copies():
    PostFactory(title="Förskolor i Huddinge")
    assert fetch("/?s=förskolor")[0]["X-Page-Cache"] == "miss"
    response, html = fetch("/?s=förskolor&utm_medium=x")
    assert response["X-Page-Cache"] == "hit" and "<mark>Förskolor</mark> i Huddinge" in html
    assert fetch("/?s=budget")[0]["X-Page-Cache"] == "miss"


def test_one_client_cannot_make_the_cache_store_more_than_its_share(settings):
    settings.PAGE_CACHE_STORES_PER_CLIENT = 5
    PostFactory(title="Förskolor i Huddinge")
    greedy = Client(REMOTE_ADDR="198.51.100.7")
    for n in range(5):
        greedy.get(f"/?s=ord{n}")
    assert greedy.get("/?s=ord0")["X-Page-Cache"] == "hit"
    past_share = greedy.get("/?s=ord99")
    assert past_share.status_code == 200 and past_share["X-Page-Cache"] == "miss"
    assert greedy.get("/?s=ord99")["X-Page-Cache"] == "miss"
    fetch("/?s=ord99")
    assert fetch("/?s=ord99")[0]["X-Page-Cache"] == "hit"


def test_a_change_and_its_new_versions_commit_or_roll_back_together():
    from django.db import transaction

    post = PostFactory(title="Gammal rubrik")
    fetch(post.get_absolute_url())
    with pytest.raises(RuntimeError), transaction.atomic():
        post.title = "Ny rubrik"
        post.save()
        raise RuntimeError
    assert fetch(post.get_absolute_url())[0]["X-Page-Cache"] == "hit"
    post.refresh_from_db()
    post.title = "Ny rubrik"
    post.save()
    response = fetch(post.get_absolute_url())[0]
    assert response["X-Page-Cache"] == "miss" and "Ny rubrik" in response.content.decode()


def test_a_new_post_shows_at_once_under_the_post_before_it(other_worker):
    older = PostFactory(title="Förra veckans inlägg",
                        published_at=timezone.now() - timedelta(days=7))
    url = older.get_absolute_url()
    fetch(url)
    assert fetch(url)[0]["X-Page-Cache"] == "hit"
    PostFactory(title="Veckans inlägg", published_at=timezone.now() - timedelta(hours=1))
    response, html = fetch(url)
    assert response["X-Page-Cache"] == "miss"
    assert 'rel="next"><span>Nyare inlägg</span> Veckans inlägg</a>' in html


def test_no_page_is_kept_past_the_next_scheduled_publication():
    from tests.factories import ScheduledFactory

    post = PostFactory(published_at=timezone.now() - timedelta(days=1))
    ScheduledFactory(title="Snart", published_at=timezone.now() + timedelta(minutes=5))
    fetch(post.get_absolute_url())
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        response, html = fetch(post.get_absolute_url())
    assert response["X-Page-Cache"] == "miss" and "Snart" in html
