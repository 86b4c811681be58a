"""One-click decisions from the moderator e-mail: signed in, unexpired, and only once."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail

from comments.models import Comment
from comments.status import set_status
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(post_comment, moderator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(PostFactory(title="Skolval"))
    return Comment.objects.get()


def link(label):
    found = re.search(rf"^{label}: http://testserver(\S+)$", mail.outbox[-1].body, re.MULTILINE)
    return found.group(1)


def test_the_mail_offers_approve_spam_and_trash_before_the_visitors_text(held):
    body = mail.outbox[-1].body
    for label in ("Godkänn", "Markera som skräp", "Flytta till papperskorgen"):
        assert body.index(f"{label}: http://testserver/admin/") < body.index("> Bra skrivet")


def test_a_signed_in_moderator_approves_with_one_click(client, moderator, held):
    client.force_login(moderator)
    response = client.post(link("Godkänn"), follow=True)
    held.refresh_from_db()
    assert held.status == "approved" and held.moderated_by == moderator
    assert "Kommentaren är nu: Godkänd." in response.content.decode()


def test_following_the_link_shows_the_comment_and_a_button_and_decides_nothing(
        client, moderator, held):
    client.force_login(moderator)
    page = client.get(link("Markera som skräp"))
    html = page.content.decode()
    assert page.status_code == 200 and "Bra skrivet" in html
    assert '<form method="post">' in html and 'value="Markera som skräp"' in html
    assert Comment.objects.get().status == "pending"


def test_a_link_works_once_even_after_a_round_trip_of_the_status(client, moderator, held):
    client.force_login(moderator)
    spam = link("Markera som skräp")
    client.post(link("Godkänn"))
    set_status(Comment.objects.filter(pk=held.pk), "pending", moderator)
    response = client.post(spam, follow=True)
    assert Comment.objects.get().status == "pending"
    assert "redan beslutat" in response.content.decode()


def test_signed_out_the_link_asks_to_sign_in_first_and_decides_nothing(client, held):
    response = client.get(link("Markera som skräp"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert Comment.objects.get().status == "pending"


def test_a_link_cannot_be_replayed_after_someone_decided(client, moderator, held):
    client.force_login(moderator)
    approve, trash = link("Godkänn"), link("Flytta till papperskorgen")
    client.post(approve)
    response = client.post(trash, follow=True)
    assert Comment.objects.get().status == "approved"
    assert "redan beslutat" in response.content.decode()


def test_an_expired_or_forged_link_decides_nothing(client, moderator, held):
    client.force_login(moderator)
    approve = link("Godkänn")
    with time_machine.travel(timedelta(days=8)):
        client.post(approve)
    client.post(approve.replace("/decide/", "/decide/x"))
    assert Comment.objects.get().status == "pending"


def test_staff_who_may_not_moderate_cannot_use_a_link(client, editor, held):
    client.force_login(editor)
    assert client.get(link("Godkänn")).status_code == 403
    assert client.post(link("Godkänn")).status_code == 403
    assert Comment.objects.get().status == "pending"
