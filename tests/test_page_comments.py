"""Standing pages take comments as posts do, when their writer opens them (as in WordPress):
the same form, moderation, thread, counts, feeds, privacy requests, export and import."""

from datetime import UTC, datetime

import pytest
from django.core import mail
from django.test import Client

from comments.forms import sign_timestamp
from comments.models import Comment
from comments.privacy import erase, export
from pages.models import Page
from tests.factories import CommentFactory, PageFactory, PostFactory
from tests.wxr_files import run, write
from wordpress_import import generate

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_page():
    return PageFactory(title="Om mig", slug="om-mig", comments_open=True)


def test_a_new_page_takes_no_comments_until_they_are_opened(client):
    page = PageFactory()
    assert not page.comments_open
    html = client.get(page.get_absolute_url()).content.decode()
    assert "Lämna ett svar" not in html and 'id="comments"' not in html


def test_an_open_page_has_the_reply_form_posting_to_the_page(client, open_page):
    html = client.get(open_page.get_absolute_url()).content.decode()
    assert "Lämna ett svar" in html
    assert f'action="/comments/page/{open_page.pk}/"' in html
    assert "Din e-postadress kommer inte publiceras." in html


def test_a_comment_on_a_page_waits_for_the_moderator_then_shows(
        client, post_comment, open_page, moderator, moderator_client,
        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_comment(open_page, body="Tack för sidan om dig!")
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/om-mig/#comment-{comment.pk}"
    assert (comment.page, comment.post, comment.status) == (open_page, None, "pending")
    assert "Om mig" in mail.outbox[0].subject
    stranger = Client().get("/om-mig/").content.decode()
    assert "Tack för sidan om dig!" not in stranger

    moderator_client.post("/admin/comments/comment/", {"decide": f"{comment.pk}:approved"})
    html = Client().get("/om-mig/").content.decode()
    assert "Tack för sidan om dig!" in html and "1 svar på ”Om mig”" in html
    assert Page.objects.get(pk=open_page.pk).comment_count == 1
    assert f"/comments/feed/page/{open_page.pk}/" in html


def test_comments_on_a_closed_page_are_refused_keeping_the_text(post_comment, open_page):
    CommentFactory(post=None, page=open_page)
    Page.objects.filter(pk=open_page.pk).update(comments_open=False)
    response = post_comment(Page.objects.get(pk=open_page.pk), body="Mitt långa svar.")
    html = response.content.decode()
    assert response.status_code == 403
    assert "Kommentarer är stängda för den här sidan." in html
    assert "Mitt långa svar." in html
    assert Comment.objects.count() == 1


def test_a_form_made_for_a_post_is_not_a_form_for_the_page_of_the_same_number(
        post_comment, open_page):
    post = PostFactory()
    Page.objects.filter(pk=open_page.pk).update(id=post.pk)
    page = Page.objects.get(pk=post.pk)
    post_comment(page, timestamp=sign_timestamp(post, 0))
    assert Comment.objects.get().status == Comment.Status.SPAM


def test_a_reply_must_be_to_a_comment_on_the_same_page(post_comment, open_page):
    elsewhere = CommentFactory()
    response = post_comment(open_page, parent=elsewhere.pk)
    assert response.status_code == 400
    assert Comment.objects.filter(page=open_page).count() == 0
    parent = CommentFactory(post=None, page=open_page)
    assert post_comment(open_page, parent=parent.pk).status_code == 302
    assert Comment.objects.get(page=open_page, parent=parent).depth == 2


def test_page_comments_are_in_the_feeds_privacy_export_and_erasure(client, open_page):
    CommentFactory(post=None, page=open_page, author_email="karin@example.se",
                   author_name="Karin", body="Bra sida.")
    assert "Karin om ”Om mig”" in client.get("/comments/feed/").content.decode()
    page_feed = client.get(f"/comments/feed/page/{open_page.pk}/").content.decode()
    assert "Bra sida." in page_feed
    assert client.get(f"/comments/feed/page/{open_page.pk + 1}/").status_code == 404
    assert export("karin@example.se")[0]["title"] == "Om mig"
    assert erase("karin@example.se") == 1
    assert "Karin" not in client.get("/om-mig/").content.decode()


def test_the_moderator_answers_a_page_comment_on_the_page(moderator_client, open_page):
    held = CommentFactory(post=None, page=open_page, status=Comment.Status.PENDING)
    response = moderator_client.post(f"/admin/comments/comment/{held.pk}/reply/",
                                     {"body": "Tack!"})
    assert response.status_code == 302
    answer = Comment.objects.get(parent=held)
    assert (answer.page, answer.status) == (open_page, Comment.Status.APPROVED)
    assert "Tack!" in Client().get("/om-mig/").content.decode()


def test_a_comment_must_be_under_exactly_one_post_or_page():
    from django.db import IntegrityError, transaction

    page, post = PageFactory(), PostFactory()
    for wrong in ({"post": None, "page": None}, {"post": post, "page": page}):
        with pytest.raises(IntegrityError), transaction.atomic():
            CommentFactory(**wrong)


def _page_with_comments(comments, status="open"):
    item = generate.item(17, "Om mig", "Text om mig.", datetime(2019, 3, 1, 9, tzinfo=UTC),
                         extra=comments)
    return (item.replace("<wp:post_type>post<", "<wp:post_type>page<")
            .replace("<wp:post_name>inlagg-17<", "<wp:post_name>om-mig<")
            .replace("https://gammal.example.se/?p=17", "https://gammal.example.se/om-mig/")
            .replace("<wp:comment_status>open</wp:comment_status>",
                     f"<wp:comment_status>{status}</wp:comment_status>"))


def test_an_imported_page_keeps_its_threads_and_whether_comments_are_open(client, tmp_path):
    thread = "".join(generate.COMMENT.format(id=cid, ip=cid, parent=parent,
                                             date=f"2019-03-0{cid + 1} 10:00:00")
                     for cid, parent in ((1, 0), (2, 1), (3, 2)))
    path = write(tmp_path, _page_with_comments(thread))
    report = run(path)
    assert "comments: 3 created" in report
    page = Page.objects.get(slug="om-mig")
    assert page.comments_open and page.comment_count == 3
    depths = sorted(c.depth for c in Comment.objects.filter(page=page))
    assert depths == [1, 2, 3]
    html = client.get("/om-mig/").content.decode()
    assert "3 svar på ”Om mig”" in html
    assert "comments: 3 unchanged" in run(path)
    assert Comment.objects.count() == 3


def test_an_imported_page_with_closed_comments_shows_its_thread_without_a_form(
        client, tmp_path):
    comment = generate.COMMENT.format(id=1, ip=1, parent=0, date="2019-03-02 10:00:00")
    run(write(tmp_path, _page_with_comments(comment, status="closed")))
    html = client.get("/om-mig/").content.decode()
    assert "1 svar på ”Om mig”" in html and "Kommentarer är stängda." in html
    assert "Lämna ett svar" not in html


def test_deleting_a_page_or_a_post_takes_its_comments_along(client, open_page):
    CommentFactory(post=None, page=open_page)
    post_comment = CommentFactory()
    client.get("/om-mig/")
    open_page.delete()
    post_comment.post.delete()
    assert Comment.objects.count() == 0
    assert client.get("/om-mig/").status_code == 404
