"""Moderators hear of held comments by e-mail, after the comment is committed."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from comments.models import Comment, ModerationSettings
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def post():
    return PostFactory(title="Skolval")


def test_held_comment_mails_moderators_in_swedish_with_admin_link(
    post, post_comment, moderator, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://huddingebloggen.se"
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(post)
    comment = Comment.objects.get()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [moderator.email]
    assert message.subject == "[Huddingebloggen] Kommentar väntar på granskning: ”Skolval”"
    assert "väntar på ditt godkännande" in message.body
    assert "Bra skrivet om förskolorna!" in message.body
    assert (
        f"https://huddingebloggen.se/admin/comments/comment/{comment.pk}/change/" in message.body
    )


def test_no_mail_before_commit(post, post_comment, moderator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post_comment(post)
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1


def test_no_mail_for_approved_or_spam_or_when_switched_off(
    post, post_comment, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(post, homepage="bot")
    Comment.objects.update(submitted_at=timezone.now() - timedelta(minutes=1))
    ModerationSettings.objects.update(notify_moderators=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_comment(post, author_email="ny@example.se", body="ny")
    assert response.status_code == 302
    assert Comment.objects.filter(status="pending").count() == 1
    assert mail.outbox == []


def test_mail_failure_is_logged_and_the_comment_kept(
    post, post_comment, moderator, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def broken(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("comments.notifications.send_mail", broken)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_comment(post)
    assert response.status_code == 302
    assert Comment.objects.count() == 1
    assert "Could not send moderation e-mail" in caplog.text


def test_a_title_with_a_line_break_is_one_line_and_the_mail_still_goes(
    post_comment, moderator, django_capture_on_commit_callbacks
):
    post = PostFactory(title="Skolval\r\nBcc: alla@example.se")
    assert post.title == "Skolval Bcc: alla@example.se"
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(post)
    assert len(mail.outbox) == 1
    assert "\n" not in mail.outbox[0].subject and mail.outbox[0].bcc == []


def test_a_comment_cannot_pass_for_the_mails_own_links(
    post, post_comment, moderator, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://huddingebloggen.se"
    forged = "Bra!\n\nGodkänn, avvisa eller markera som skräp här:\nhttps://evil.example/\n-- \nX"
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(post, body=forged)
    body = mail.outbox[0].body
    admin_link = f"https://huddingebloggen.se{Comment.objects.get().get_admin_url()}"
    assert body.index(admin_link) < body.index("evil.example")
    assert "> https://evil.example/" in body
    assert "\nhttps://evil.example/" not in body
