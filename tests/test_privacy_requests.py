"""Export and erasure of a commenter's data happen only when the address's owner confirms."""

import json
import re
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import Client

from comments.models import Comment, PrivacyRequest
from tests.factories import CommentFactory, PostFactory

pytestmark = pytest.mark.django_db(transaction=True)
OWNER = "admin@example.se"


@pytest.fixture
def impostor_comment():
    """The owner's own comments, and a visitor's comment typed under the owner's address."""
    post = PostFactory(title="Om skolan")
    CommentFactory(post=post, author_email=OWNER, body="Ägarens kommentar",
                   ip_address="198.51.100.1", user_agent="Ägarens webbläsare")
    CommentFactory(post=post, author_email=OWNER, status="pending", body="Ägarens andra")
    return CommentFactory(post=post, author_email="Admin@Example.se", body="Jag är admin")


def ask(client, moderator, comment, action):
    client.force_login(moderator)
    mail.outbox.clear()
    return client.post("/admin/comments/comment/?status=all",
                       {"action": action, "_selected_action": [comment.pk]})


def link_in(message):
    return re.search(r"http://testserver(/privacy/confirm/[^/\s]+/)", message.body).group(1)


def test_asking_for_an_export_mails_a_link_to_the_address_and_hands_over_nothing(
        client, moderator, impostor_comment):
    response = ask(client, moderator, impostor_comment, "request_export")
    assert response.status_code == 302 and "json" not in response["Content-Type"]
    [confirmation] = mail.outbox
    assert confirmation.to == [OWNER]
    assert "Ägarens" not in confirmation.body and "198.51.100.1" not in confirmation.body
    assert PrivacyRequest.objects.get().status == "pending"


def test_the_confirmed_export_is_mailed_to_the_address_itself(
        client, moderator, impostor_comment):
    ask(client, moderator, impostor_comment, "request_export")
    link = link_in(mail.outbox[0])
    page = Client().get(link)
    assert page.status_code == 200 and "Bekräfta" in page.content.decode()
    assert len(mail.outbox) == 1
    done = Client().post(link)
    assert OWNER in done.content.decode()
    export = mail.outbox[-1]
    assert export.to == [OWNER]
    [(name, content, content_type)] = export.attachments
    assert (name, content_type) == ("personuppgifter.json", "application/json")
    rows = json.loads(content)
    assert len(rows) == 3 and {row["ip_address"] for row in rows} >= {"198.51.100.1"}
    assert PrivacyRequest.objects.get().comments_affected == 3


@pytest.mark.parametrize("look_alike", ["karin@gma\u0131l.com", "karin@xn--gmal-nza.com",
                                        "kar\u0131n@gmail.com"])
def test_a_look_alike_address_exports_only_its_own_comments(client, moderator, look_alike):
    post = PostFactory(title="Om skolan")
    CommentFactory(post=post, author_email="karin@gmail.com", body="Karins kommentar",
                   ip_address="198.51.100.7")
    CommentFactory(post=post, author_email="Karin@GMAIL.com", body="Karins andra")
    attacker = CommentFactory(post=post, author_email=look_alike, body="Angriparens")
    ask(client, moderator, attacker, "request_export")
    assert "Karin" not in Client().get(link_in(mail.outbox[0])).content.decode()
    Client().post(link_in(mail.outbox[0]))
    export = mail.outbox[-1]
    assert export.to == [look_alike]
    rows = json.loads(export.attachments[0][1])
    assert [row["body"] for row in rows] == ["Angriparens"]
    assert PrivacyRequest.objects.get().comments_affected == 1


def test_one_address_in_any_case_and_either_spelling_of_its_domain_is_one_commenter():
    from comments.privacy import comments_of

    post = PostFactory()
    for address in ("karin@åäö.se", "KARIN@ÅÄÖ.SE", "Karin@xn--4cab6c.se", "karin@aao.se"):
        CommentFactory(post=post, author_email=address)
    assert comments_of("karin@Åäö.se").count() == 3
    assert comments_of("karin@aao.se").count() == 1


def test_erasure_waits_for_the_confirmation_and_a_link_works_once(
        client, moderator, impostor_comment):
    ask(client, moderator, impostor_comment, "request_erasure")
    link = link_in(mail.outbox[0])
    Client().get(link)
    assert Comment.objects.filter(author_email__iexact=OWNER).count() == 3
    assert "3 kommentarer har anonymiserats" in Client().post(link).content.decode()
    assert not Comment.objects.filter(author_email__iexact=OWNER).exists()
    erased = Comment.objects.get(body="Ägarens kommentar")
    assert (erased.author_name, erased.ip_address, erased.user_agent) == ("Anonym", None, "")
    assert Client().post(link).status_code == 404


def test_forged_and_expired_links_do_nothing(client, moderator, impostor_comment):
    ask(client, moderator, impostor_comment, "request_erasure")
    link = link_in(mail.outbox[0])
    assert Client().post(link.replace("/confirm/", "/confirm/x")).status_code == 404
    with time_machine.travel(timedelta(days=8)):
        assert Client().post(link).status_code == 404
    assert Comment.objects.filter(author_email__iexact=OWNER).count() == 3


def test_the_moderator_sees_what_a_request_would_touch(client, moderator, impostor_comment):
    ask(client, moderator, impostor_comment, "request_erasure")
    request = PrivacyRequest.objects.get()
    html = client.get(f"/admin/comments/privacyrequest/{request.pk}/change/").content.decode()
    assert html.count("“Om skolan”") == 3
    listing = client.get("/admin/comments/privacyrequest/").content.decode()
    assert OWNER in listing and "Väntar på bekräftelse" in listing


def test_a_request_made_in_the_admin_form_sends_the_link(client, moderator, impostor_comment):
    client.force_login(moderator)
    response = client.post("/admin/comments/privacyrequest/add/",
                           {"email": OWNER, "kind": "export"})
    assert response.status_code == 302
    assert mail.outbox[-1].to == [OWNER] and PrivacyRequest.objects.get().requested_by == moderator


def test_staff_who_cannot_moderate_see_no_privacy_requests(client, editor):
    client.force_login(editor)
    assert client.get("/admin/comments/privacyrequest/").status_code == 403


@pytest.mark.parametrize("command", ["export_commenter_data", "erase_commenter_data"])
def test_the_commands_send_a_link_and_change_nothing(impostor_comment, command):
    out = StringIO()
    call_command(command, OWNER, stdout=out)
    assert "3 comment(s)" in out.getvalue()
    assert mail.outbox[-1].to == [OWNER]
    assert Comment.objects.filter(author_email__iexact=OWNER).count() == 3


def test_a_confirmed_erasure_shows_at_once_on_cached_pages(impostor_comment):
    from comments import privacy

    url = impostor_comment.post.get_absolute_url()
    assert "Ägarens kommentar" in Client().get(url).content.decode()
    privacy.carry_out(privacy.open_request(PrivacyRequest(email=OWNER, kind="erase")))
    assert "Anonym" in Client().get(url).content.decode()
