"""The moderation queue: one click per decision on each row, without JavaScript."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from comments.models import Comment
from tests.factories import CommentFactory, StaffFactory

pytestmark = pytest.mark.django_db
QUEUE = "/admin/comments/comment/"


def test_each_held_comment_offers_approve_spam_and_trash(moderator_client):
    held = CommentFactory(status="pending")
    html = moderator_client.get(QUEUE).content.decode()
    for wanted, label in (("approved", "Godkänn"), ("spam", "Skräp"), ("trash", "Papperskorg")):
        assert f'name="decide" value="{held.pk}:{wanted}" class="button">{label}</button>' in html
    assert f'value="{held.pk}:pending"' not in html


def test_one_click_approves_and_records_who(moderator_client, moderator):
    held = CommentFactory(status="pending", body="Bra förslag")
    response = moderator_client.post(f"{QUEUE}?status=pending",
                                     {"decide": f"{held.pk}:approved"}, follow=True)
    held.refresh_from_db()
    assert held.status == "approved" and held.moderated_by == moderator
    assert "Kommentaren är nu: Godkänd." in response.content.decode()
    assert response.redirect_chain[-1][0] == f"{QUEUE}?status=pending"


def test_spam_and_trash_can_be_restored_in_one_click(moderator_client):
    spam = CommentFactory(status="spam")
    html = moderator_client.get(f"{QUEUE}?status=spam").content.decode()
    assert f'value="{spam.pk}:pending" class="button">Återställ</button>' in html
    moderator_client.post(QUEUE, {"decide": f"{spam.pk}:pending"})
    assert Comment.objects.get(pk=spam.pk).status == "pending"


def test_staff_who_may_not_moderate_get_no_buttons_and_cannot_decide(client, editor):
    held = CommentFactory(status="pending")
    editor.user_permissions.add(*Permission.objects.filter(codename="view_comment"))
    client.force_login(editor)
    assert 'name="decide"' not in client.get(QUEUE).content.decode()
    assert client.post(QUEUE, {"decide": f"{held.pk}:approved"}).status_code == 403
    assert Comment.objects.get(pk=held.pk).status == "pending"


def test_a_forged_decision_is_refused(moderator_client):
    held = CommentFactory(status="pending")
    assert moderator_client.post(QUEUE, {"decide": f"{held.pk}:published"}).status_code == 400
    assert moderator_client.post(QUEUE, {"decide": "x:approved"}).status_code == 400


def test_the_menu_shows_how_many_comments_wait(moderator_client):
    CommentFactory.create_batch(2, status="pending")
    CommentFactory(status="approved")
    for page in ("/admin/", QUEUE):
        assert "Kommentarer (2 väntar)" in moderator_client.get(page).content.decode(), page
    Comment.objects.update(status="approved")
    assert "väntar)" not in moderator_client.get("/admin/").content.decode()


def test_bulk_actions_read_as_plain_swedish(moderator_client):
    CommentFactory(status="pending")
    html = moderator_client.get(QUEUE).content.decode()
    for label in ("Godkänn valda kommentarer", "Avvisa valda kommentarer",
                  "Markera valda kommentarer som skräp"):
        assert label in html
    assert "Markera markerade" not in html and "Avgodkänn" not in html


def test_a_decision_asked_for_as_json_answers_with_the_new_row(moderator_client):
    held = CommentFactory(status="pending")
    answer = moderator_client.post(QUEUE, {"decide": f"{held.pk}:spam"},
                                   headers={"accept": "application/json"}).json()
    held.refresh_from_db()
    assert held.status == "spam"
    assert answer["status"] == "Skräp" and answer["message"] == "Kommentaren är nu: Skräp."
    assert f'value="{held.pk}:pending" class="button">Återställ</button>' in answer["decisions"]
    again = moderator_client.post(QUEUE, {"decide": f"{held.pk}:spam"},
                                  headers={"accept": "application/json"}).json()
    assert again["message"] == ""


def test_the_whole_comment_is_shown_wrapped_with_a_link_to_it(moderator_client):
    long_text = "Första raden om busslinje 172.\n" + "ord " * 60 + "SLUTET"
    held = CommentFactory(status="pending", body=long_text, author_name="Karin",
                          author_email="karin@example.se")
    shown = CommentFactory(status="approved", post=held.post, body="<b>fet</b>")
    html = moderator_client.get(f"{QUEUE}?status=all").content.decode()
    assert "Första raden om busslinje 172.<br>" in html and "SLUTET" in html
    assert "karin@example.se" in html and "<strong>Karin</strong>" in html
    assert f'href="{held.post.get_absolute_url()}"' in html
    assert f'href="{shown.get_absolute_url()}"' in html
    assert "&lt;b&gt;fet&lt;/b&gt;" in html and "<b>fet</b>" not in html


def test_the_held_count_is_told_to_those_who_may_see_comments(client, moderator_client):
    CommentFactory(status="pending")
    answer = moderator_client.get("/admin/held/").json()
    assert answer == {"url": "/admin/comments/comment/", "label": "Kommentarer (1 väntar)"}
    assert moderator_client.get("/admin/held/")["Cache-Control"].startswith("private, no-store")
    no_rights = Client()
    no_rights.force_login(StaffFactory())
    assert no_rights.get("/admin/held/").status_code == 403
    assert client.get("/admin/held/").status_code == 302
