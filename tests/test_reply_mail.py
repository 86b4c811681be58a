"""A commenter hears of replies when they asked and confirmed: never of held or spam ones,
never twice, and stops in one click. Mail is read from a real SMTP server on loopback."""

import re

import pytest
from django.test import Client

from comments import reply_notices
from comments.models import Comment, ReplyMailAddress, ReplyNotice
from comments.tasks import notify_reply
from tests.factories import CommentFactory, PostFactory
from tests.nodes import run_worker, share_site_folders

pytestmark = pytest.mark.django_db


def confirmed_address(email):
    from django.utils import timezone

    return ReplyMailAddress.objects.create(email=email, confirmed_at=timezone.now())


def link_in(text, kind):
    return re.search(rf"http://testserver(/comments/reply-mail/{kind}/\S+/)", text).group(1)


def test_the_box_mails_a_confirmation_once_a_day_and_the_button_confirms(
        client, post_comment, smtp_server, django_capture_on_commit_callbacks):
    post = PostFactory()
    html = client.get(post.get_absolute_url()).content.decode()
    assert "Meddela mig via e-post när någon svarar på min kommentar." in html
    for body in ("Första frågan.", "Andra frågan."):
        with django_capture_on_commit_callbacks(execute=True):
            post_comment(post, browser=Client(), body=body, notify_replies="on")
        Comment.objects.update(submitted_at="2020-01-01T00:00:00Z")
    [message] = smtp_server.to("karin@example.se")
    link = link_in(smtp_server.text(message), "confirm")
    assert "Bekräfta" in client.get(link).content.decode()
    assert ReplyMailAddress.objects.get().confirmed_at is None, "scanners confirm nothing"
    assert "du får ett mejl när någon svarar" in client.post(link).content.decode()
    assert ReplyMailAddress.objects.get().confirmed_at is not None
    assert client.post("/comments/reply-mail/confirm/forged/").status_code == 404


def test_an_approved_reply_reaches_who_asked_once_and_nobody_else(smtp_server):
    confirmed_address("karin@example.se")
    confirmed_address("bo@example.se")
    post = PostFactory(title="Skolan")
    karin = CommentFactory(post=post, author_email="karin@example.se", notify_replies=True)
    bo = CommentFactory(post=post, parent=karin, author_email="bo@example.se",
                        notify_replies=True)
    silent = CommentFactory(post=post, parent=karin, author_email="tyst@example.se")
    held = CommentFactory(post=post, parent=bo, status=Comment.Status.PENDING, body="Väntar.")
    spam = CommentFactory(post=post, parent=bo, status=Comment.Status.SPAM)
    own = CommentFactory(post=post, parent=karin, author_email="KARIN@example.se")
    answer = CommentFactory(post=post, parent=bo, author_name="Anna", body="Vi ses där!")
    for comment in (bo, silent, held, spam, own, answer, answer):
        notify_reply.call(comment.pk)
    assert sorted(m["To"] for m in smtp_server.messages) == [
        "bo@example.se", "karin@example.se", "karin@example.se", "karin@example.se"]
    [about_answer] = smtp_server.to("bo@example.se")
    assert about_answer["Subject"].strip() == "Nytt svar på din kommentar till ”Skolan”"
    text = smtp_server.text(about_answer)
    assert "Anna svarade på din kommentar" in text and "> Vi ses där!" in text
    assert about_answer["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert ReplyNotice.objects.count() == 4


def test_an_unconfirmed_address_hears_nothing(smtp_server):
    ReplyMailAddress.objects.create(email="karin@example.se")
    karin = CommentFactory(author_email="karin@example.se", notify_replies=True)
    reply = CommentFactory(post=karin.post, parent=karin)
    assert reply_notices.notify(reply.pk) == 0 and smtp_server.messages == []


def test_the_stop_links_end_one_discussion_or_all_in_one_click(client, smtp_server):
    confirmed_address("karin@example.se")
    first, second = PostFactory(), PostFactory()
    karin_one = CommentFactory(post=first, author_email="karin@example.se", notify_replies=True)
    karin_two = CommentFactory(post=second, author_email="karin@example.se",
                               notify_replies=True)
    notify_reply.call(CommentFactory(post=first, parent=karin_one).pk)
    text = smtp_server.text(smtp_server.messages[0])
    stop_thread, stop_all = re.findall(r"http://testserver(/comments/reply-mail/stop/\S+/)", text)
    assert Client().post(stop_thread, {"List-Unsubscribe": "One-Click"}).status_code == 200
    notify_reply.call(CommentFactory(post=first, parent=karin_one).pk)
    notify_reply.call(CommentFactory(post=second, parent=karin_two).pk)
    assert len(smtp_server.messages) == 2, "only the other discussion is still mailed"
    Client().post(stop_all)
    notify_reply.call(CommentFactory(post=second, parent=karin_two).pk)
    assert len(smtp_server.messages) == 2
    forged = Client().post("/comments/reply-mail/stop/forged/").content.decode()
    assert forged == Client().post(stop_all).content.decode()


@pytest.mark.django_db(transaction=True)
def test_approving_a_reply_in_the_queue_mails_through_the_worker(
        tmp_path, settings, smtp_server, moderator):
    share_site_folders(settings, tmp_path / "var")
    confirmed_address("karin@example.se")
    karin = CommentFactory(author_email="karin@example.se", notify_replies=True)
    reply = CommentFactory(post=karin.post, parent=karin, status=Comment.Status.PENDING)
    browser = Client()
    browser.force_login(moderator)
    browser.post("/admin/comments/comment/", {"decide": f"{reply.pk}:approved"})
    run_worker(tmp_path / "var", SITE_URL="http://testserver", **smtp_server.env)
    assert [m["To"] for m in smtp_server.messages] == ["karin@example.se"]
