"""Readers follow the blog by e-mail: double opt-in, each new post once, one-click stop.

Mail goes through a real SMTP server on loopback (``tests.smtp``) and, for posts, through
the real background worker, and is read as a mail program reads it."""

import re
from datetime import timedelta

import pytest
from django.core import mail as outbox
from django.test import Client
from django.utils import timezone

from comments.privacy import _mail_export, erase
from posts.models import Post
from subscriptions import sending, tokens
from subscriptions.models import Delivery, Mailing, Subscriber
from subscriptions.tasks import send_post
from tests.factories import PostFactory
from tests.nodes import run_worker, share_site_folders

ORIGIN = {"origin": "http://testserver"}


def subscribe(client, address, source="post", **headers):
    return client.post("/subscribe/", {"email": address, "source": source},
                       headers={**ORIGIN, **headers})


def confirmed(address):
    return Subscriber.objects.create(email=address, status=Subscriber.Status.CONFIRMED,
                                     confirmed_at=timezone.now())


def link_in(text):
    return re.search(r"http://testserver(/subscribe/\S+/)", text).group(1)


@pytest.mark.django_db
def test_signing_up_mails_a_link_and_only_the_button_behind_it_confirms(client, smtp_server):
    response = subscribe(client, "Karin@Example.se")
    assert response.status_code == 200
    assert "titta i inkorgen för karin@example.se" in response.content.decode()
    [message] = smtp_server.to("karin@example.se")
    link = link_in(smtp_server.text(message))
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING

    page = client.get(link)
    assert "Bekräfta min prenumeration" in page.content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING, "scanners confirm nothing"
    done = client.post(link)
    assert "din prenumeration är bekräftad" in done.content.decode()
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.CONFIRMED and subscriber.confirmed_at
    assert subscriber.consent_source == "formuläret under ett inlägg"
    assert "Vi sparar bara din adress" in subscriber.consent_text
    assert client.post(link).status_code == 200, "a replayed link changes nothing"


@pytest.mark.django_db
def test_every_address_gets_the_same_answer_and_at_most_one_mail_a_day(client, smtp_server):
    confirmed("anna@example.se")
    answers = {subscribe(Client(), address).content.decode().replace(address, "X")
               for address in ("anna@example.se", "bo@example.se", "bo@example.se")}
    assert len(answers) == 1
    assert len(smtp_server.to("bo@example.se")) == 1
    assert smtp_server.to("anna@example.se") == []


@pytest.mark.django_db
@pytest.mark.parametrize("address, error", [
    ("inte-en-adress", "Fyll i en giltig e-postadress."),
    ("a" * 250 + "@example.se", "En e-postadress har högst 254 tecken."),
    ("", "Fyll i din e-postadress."),
])
def test_a_bad_address_is_refused_in_swedish_keeping_what_was_typed(client, address, error):
    response = subscribe(client, address)
    html = response.content.decode()
    assert response.status_code == 400 and error in html
    assert f'value="{address}"' in html
    assert not Subscriber.objects.exists()


@pytest.mark.django_db
def test_a_form_from_elsewhere_a_forged_link_and_a_flood_are_refused(client, smtp_server):
    assert subscribe(client, "x@example.se", origin="https://evil.example").status_code == 403
    assert client.get("/subscribe/confirm/forged/").status_code == 404
    statuses = [subscribe(Client(), f"n{n}@example.se").status_code for n in range(7)]
    assert statuses[-1] == 429 and statuses[:5] == [200] * 5
    assert "För många anmälningar" in subscribe(client, "y@example.se").content.decode()


@pytest.mark.django_db
def test_one_click_unsubscribe_needs_no_sign_in_and_answers_alike(client):
    subscriber = confirmed("karin@example.se")
    link = f"/subscribe/stop/{tokens.stop_token(subscriber)}/"
    assert "Avsluta prenumerationen" in client.get(link).content.decode()
    response = Client().post(link, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED and subscriber.unsubscribed_at
    forged = Client().post("/subscribe/stop/made-up/", {"List-Unsubscribe": "One-Click"})
    assert forged.content.decode() == response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_new_post_reaches_each_confirmed_reader_once_through_the_worker(
        tmp_path, settings, smtp_server):
    share_site_folders(settings, tmp_path / "var")
    for address in ("anna@example.se", "bo@example.se"):
        confirmed(address)
    Subscriber.objects.create(email="vantar@example.se")
    Subscriber.objects.create(email="slutat@example.se", status=Subscriber.Status.UNSUBSCRIBED)
    post = PostFactory(title="Nya cykelbanor", body="Vi bygger [cykelbanor](/cykel/).",
                       published_at=timezone.now())
    run_worker(tmp_path / "var", SITE_URL="http://testserver", **smtp_server.env)
    assert sorted(m["To"] for m in smtp_server.messages) == ["anna@example.se", "bo@example.se"]
    message = smtp_server.to("anna@example.se")[0]
    assert message["Subject"] == "Nya cykelbanor"
    stop = message["List-Unsubscribe"].strip()
    assert re.fullmatch(r"<http://testserver/subscribe/stop/\S+/>", stop)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "posts.testserver" in message["List-Id"]
    assert "Vi bygger cykelbanor (http://testserver/cykel/)" in smtp_server.text(message)
    assert '<a href="http://testserver/cykel/">cykelbanor</a>' in smtp_server.html(message)
    assert "<img" not in smtp_server.html(message)

    post.title = "Nya cykelbanor i Flemingsberg"
    post.save()
    run_worker(tmp_path / "var", SITE_URL="http://testserver", **smtp_server.env)
    assert len(smtp_server.messages) == 2, "an edit is never sent, nor the post twice"
    assert Delivery.objects.filter(state=Delivery.State.SENT).count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_scheduled_post_is_queued_for_its_time():
    from django_tasks.backends.database.models import DBTaskResult

    post = PostFactory(published_at=timezone.now() + timedelta(hours=3))
    task = DBTaskResult.objects.get(task_path="subscriptions.tasks.send_post")
    assert task.args_kwargs["args"] == [post.pk]
    assert abs(task.run_after - post.published_at) < timedelta(seconds=1)


@pytest.mark.django_db
@pytest.mark.parametrize("change", [
    {"email_subscribers": False},
    {"import_ref": "https://gammal.example.se/?p=1"},
    {"published_at": timezone.now() - timedelta(days=30)},
    {"status": Post.Status.DRAFT},
])
def test_posts_that_are_not_news_are_never_mailed(change, smtp_server):
    confirmed("anna@example.se")
    post = PostFactory(**{"published_at": timezone.now(), **change})
    send_post.call(post.pk)
    assert smtp_server.messages == [] and not Mailing.objects.exists()


@pytest.mark.django_db
def test_a_stopped_send_goes_on_with_exactly_those_not_yet_sent(smtp_server):
    post = PostFactory(published_at=timezone.now())
    mailing = Mailing.objects.create(post=post)
    for address, state in (("sent@example.se", "sent"), ("mid@example.se", "sending"),
                           ("next@example.se", "queued")):
        Delivery.objects.create(mailing=mailing, subscriber=confirmed(address), state=state)
    assert sending.unfinished_posts() == [post.pk]
    send_post.call(post.pk)
    assert sorted(m["To"] for m in smtp_server.messages) == ["mid@example.se",
                                                              "next@example.se"]
    assert sending.unfinished_posts() == []


@pytest.mark.django_db
def test_a_refused_mail_is_tried_again_later_then_counted_as_failed(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9
    post = PostFactory(published_at=timezone.now())
    confirmed("anna@example.se")
    mailing = sending.prepare(post.pk)
    for _attempt in range(sending.MAX_ATTEMPTS):
        sending.send(mailing)
    delivery = Delivery.objects.get()
    assert delivery.state == Delivery.State.FAILED and delivery.attempts == 3 and delivery.error


@pytest.mark.django_db
def test_unconfirmed_addresses_are_forgotten_after_a_week(smtp_server):
    Subscriber.objects.create(email="gammal@example.se")
    Subscriber.objects.filter(email="gammal@example.se").update(
        created_at=timezone.now() - timedelta(days=8))
    Subscriber.objects.create(email="ny@example.se")
    confirmed("kvar@example.se")
    Subscriber.objects.filter(email="kvar@example.se").update(
        created_at=timezone.now() - timedelta(days=30))
    subscribe(Client(), "ny2@example.se")
    assert sorted(Subscriber.objects.values_list("email", flat=True)) == [
        "kvar@example.se", "ny2@example.se", "ny@example.se"]


@pytest.mark.django_db
def test_privacy_requests_cover_the_subscription():
    from comments.models import ReplyMailAddress

    confirmed("karin@example.se")
    ReplyMailAddress.objects.create(email="karin@example.se")
    _mail_export("karin@example.se")
    names = [name for name, _content, _type in outbox.outbox[-1].attachments]
    assert "prenumeration.json" in names
    erase("karin@example.se")
    assert not Subscriber.objects.exists() and not ReplyMailAddress.objects.exists()


@pytest.mark.django_db
def test_the_forms_sit_under_each_post_and_beside_the_posts(client):
    post = PostFactory()
    assert 'name="source" value="post"' in client.get(post.get_absolute_url()).content.decode()
    assert 'name="source" value="sidebar"' in client.get("/").content.decode()
    assert 'name="source" value="page"' in client.get("/subscribe/").content.decode()


@pytest.mark.django_db
def test_the_writer_mails_the_saved_post_to_themself_first(editor, editor_client, smtp_server):
    editor.email = "politiker@example.se"
    editor.save()
    confirmed("anna@example.se")
    draft = PostFactory(title="Utkast om skolan", status=Post.Status.DRAFT)
    form = editor_client.get(f"/admin/posts/post/{draft.pk}/change/").content.decode()
    action = f"/admin/subscriptions/mailing/test/{draft.pk}/"
    assert f'formaction="{action}"' in form
    assert editor_client.get(action).status_code == 302 and smtp_server.messages == []
    response = editor_client.post(action, follow=True)
    assert "Ett provmejl av inlägget som det senast sparades skickades till" in (
        response.content.decode())
    [message] = smtp_server.messages
    assert message["To"] == "politiker@example.se" and message["Subject"] == "Utkast om skolan"
    assert not Mailing.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_send_loses_no_mail_when_started_again(
        tmp_path, settings, smtp_server):
    """500 readers; the worker is killed (SIGKILL) while sending, then started as its
    service starts it (``resume_mailings`` first). Everybody gets the post; only the one
    mail being handed over at the moment of the kill can arrive twice."""
    import signal
    import time
    from io import StringIO

    from django.core.management import call_command

    from tests.nodes import Worker

    share_site_folders(settings, tmp_path / "var")
    Subscriber.objects.bulk_create(
        Subscriber(email=f"lasare{n}@example.se", status=Subscriber.Status.CONFIRMED)
        for n in range(500))
    PostFactory(title="Budgeten", published_at=timezone.now())
    env = {"SITE_URL": "http://testserver", "SUBSCRIPTION_MAILS_PER_SECOND": "100",
           **smtp_server.env}
    worker = Worker(tmp_path / "var", **env)
    deadline = time.monotonic() + 60
    while len(smtp_server.messages) < 100 and time.monotonic() < deadline:
        time.sleep(0.05)
    worker.process.send_signal(signal.SIGKILL)
    worker.process.wait(timeout=30)
    assert 100 <= len(smtp_server.messages) < 500, "killed mid-send"
    assert Delivery.objects.exclude(state=Delivery.State.SENT).exists()
    call_command("resume_mailings", stdout=StringIO())
    run_worker(tmp_path / "var", **env)
    received = [m["To"] for m in smtp_server.messages]
    assert set(received) == {f"lasare{n}@example.se" for n in range(500)}
    assert len(received) - len(set(received)) <= 1
    assert Delivery.objects.filter(state=Delivery.State.SENT).count() == 500


@pytest.mark.django_db
def test_weekly_readers_get_one_letter_on_monday_with_the_weeks_posts(smtp_server):
    import time_machine

    from subscriptions import digests
    from subscriptions.models import Digest
    from subscriptions.tasks import send_digest

    confirmed("varje@example.se")
    weekly = confirmed("vecka@example.se")
    weekly.frequency = Subscriber.Frequency.WEEKLY
    weekly.save()
    wednesday = timezone.make_aware(timezone.datetime(2026, 12, 2, 12))
    with time_machine.travel(wednesday, tick=False):
        for title in ("Budgeten", "Skolan"):
            send_post.call(PostFactory(title=title, published_at=timezone.now()).pk)
        digest = Digest.objects.get()
        assert str(digest.week) == "2026-12-07"
        send_digest.call(digest.pk)
        assert smtp_server.to("vecka@example.se") == [], "not before Monday morning"
    assert len(smtp_server.to("varje@example.se")) == 2
    with time_machine.travel(digests.send_time(digest) + timedelta(minutes=1), tick=False):
        send_digest.call(digest.pk)
        send_digest.call(digest.pk)
    [letter] = smtp_server.to("vecka@example.se")
    text = smtp_server.text(letter)
    assert "Budgeten" in text and "Skolan" in text
    assert letter["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


@pytest.mark.django_db
def test_the_stop_page_also_changes_how_often(client):
    subscriber = confirmed("karin@example.se")
    link = f"/subscribe/stop/{tokens.stop_token(subscriber)}/"
    assert "Ett brev i veckan i stället" in client.get(link).content.decode()
    client.post(link, {"frequency": "weekly"})
    subscriber.refresh_from_db()
    assert subscriber.frequency == "weekly" and subscriber.status == "confirmed"


@pytest.mark.django_db
def test_the_form_asks_how_often(client, smtp_server):
    client.post("/subscribe/", {"email": "vecka@example.se", "frequency": "weekly"},
                headers=ORIGIN)
    assert Subscriber.objects.get().frequency == "weekly"


@pytest.mark.django_db
@pytest.mark.parametrize("kind, ends", [("HardBounce", True), ("Transient", False),
                                        ("SpamComplaint", True)])
def test_a_providers_hard_bounce_or_complaint_ends_the_subscription(client, settings, kind,
                                                                    ends):
    import base64
    import json

    settings.ANYMAIL = {"WEBHOOK_SECRET": "hook:hemlig"}
    subscriber = confirmed("borta@example.se")
    record = ({"RecordType": "SpamComplaint", "Email": "borta@example.se",
               "BouncedAt": "2026-12-04T10:00:00Z", "MessageID": "x", "ID": 1}
              if kind == "SpamComplaint" else
              {"RecordType": "Bounce", "Type": kind, "Email": "borta@example.se",
               "BouncedAt": "2026-12-04T10:00:00Z", "MessageID": "x", "ID": 1})
    auth = "Basic " + base64.b64encode(b"hook:hemlig").decode()
    assert client.post("/anymail/postmark/tracking/", json.dumps(record),
                       content_type="application/json",
                       headers={"authorization": "Basic eDp5"}).status_code == 400
    response = client.post("/anymail/postmark/tracking/", json.dumps(record),
                           content_type="application/json", headers={"authorization": auth})
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert (subscriber.status == Subscriber.Status.UNSUBSCRIBED) is ends
