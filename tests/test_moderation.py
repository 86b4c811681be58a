"""Each moderation rule, its decision and the reason it records."""

import re
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from comments.forms import sign_timestamp
from comments.models import Comment, ModerationSettings
from tests.factories import CommentFactory, PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def post():
    return PostFactory()


def rules(**changes):
    ModerationSettings.objects.update(**changes)


def stored():
    return Comment.objects.get()


def test_every_comment_is_held_by_default(post, post_comment):
    post_comment(post)
    assert stored().status == "pending"


def test_without_hold_all_a_plain_comment_is_approved(post, post_comment):
    rules(hold_all=False)
    post_comment(post)
    assert (stored().status, stored().reason) == ("approved", "Godkänd automatiskt.")


def test_known_commenter_is_approved_when_enabled(post, post_comment):
    CommentFactory(author_name="Karin Läsare", author_email="KARIN@example.se",
                   submitted_at=timezone.now() - timedelta(days=1))
    rules(approve_known_commenters=True)
    post_comment(post)
    comment = Comment.objects.latest("pk")
    assert comment.status == "approved"
    assert comment.reason == "Kommentatorn har en godkänd kommentar."


def test_known_commenter_needs_same_name_and_email(post, post_comment):
    CommentFactory(author_name="Någon annan", author_email="karin@example.se",
                   submitted_at=timezone.now() - timedelta(days=1))
    rules(approve_known_commenters=True)
    post_comment(post)
    assert Comment.objects.latest("pk").status == "pending"


def test_two_links_hold_the_comment_even_when_auto_approving(post, post_comment):
    rules(hold_all=False)
    post_comment(post, body="Se https://a.se och www.b.se")
    assert (stored().status, stored().reason) == ("pending", "Innehåller 2 länkar.")


def test_link_limit_zero_turns_the_check_off(post, post_comment):
    rules(hold_all=False, link_limit=0)
    post_comment(post, body="https://a.se https://b.se https://c.se")
    assert stored().status == "approved"


@pytest.mark.parametrize(
    ("field", "value"),
    [("body", "Köp BILLIGA klockor"), ("author_name", "Billiga Klockor AB"),
     ("author_email", "billiga@example.se"), ("author_url", "https://billiga.se")],
)
def test_moderation_words_hold_matching_any_field(post, post_comment, field, value):
    rules(hold_all=False, moderation_words="billiga\n")
    post_comment(post, **{field: value})
    assert stored().status == "pending"
    assert stored().reason == "Innehåller granskningsordet ”billiga”."


def test_moderation_words_match_the_ip_address(post, client, comment_data):
    rules(hold_all=False, moderation_words="203.0.113.5")
    client.post(f"/comments/post/{post.pk}/", comment_data(post), REMOTE_ADDR="203.0.113.5",
                headers={"origin": "http://testserver"})
    assert stored().status == "pending"


def test_disallowed_words_mark_as_spam(post, post_comment):
    rules(hold_all=False, disallowed_words="casino\nviagra")
    post_comment(post, body="Bästa CASINO online")
    assert stored().status == "spam"
    assert stored().reason == "Innehåller det otillåtna ordet ”casino”."


def test_filled_honeypot_is_spam(post, post_comment):
    post_comment(post, homepage="http://spam.example")
    assert stored().status == "spam"
    assert stored().reason == "Det dolda honungsfällefältet var ifyllt."


def test_too_fast_submission_is_spam(post, post_comment):
    post_comment(post, timestamp=sign_timestamp(post))
    assert stored().status == "spam"
    assert re.match(r"Skickad (0 sekunder|1 sekund) efter att formuläret visades\.$",
                    stored().reason), "sent at once; a busy machine may cross a second"


@pytest.mark.parametrize("forge", [
    lambda post: "",
    lambda post: "forged",
    lambda post: sign_timestamp(post, time.time() - 60).replace(":", ";"),
    lambda post: sign_timestamp(PostFactory(), time.time() - 60),
], ids=["missing", "garbage", "bad-signature", "made-for-another-post"])
def test_missing_forged_or_borrowed_timestamp_is_spam(post, post_comment, forge):
    post_comment(post, timestamp=forge(post))
    assert (stored().status, stored().reason) == (
        "spam", "Formulärets tidsstämpel saknades eller var förfalskad."
    )


def test_form_hours_old_from_a_cached_page_still_works(post, post_comment):
    post_comment(post, timestamp=sign_timestamp(post, time.time() - 6 * 3600))
    assert stored().status == "pending"


def test_a_form_older_than_a_week_is_held_even_when_everything_else_would_approve(
        post, post_comment):
    ModerationSettings.objects.update(hold_all=False)
    post_comment(post, timestamp=sign_timestamp(post, time.time() - 8 * 86400))
    assert (stored().status, stored().reason) == ("pending", "Formuläret var äldre än 7 dagar.")


def test_spam_and_pending_are_still_stored_so_nothing_is_lost(post, post_comment):
    post_comment(post, homepage="x")
    assert Comment.objects.filter(status="spam").count() == 1


def test_flood_from_the_same_ip_within_15_seconds_is_refused(post, post_comment):
    assert post_comment(post).status_code == 302
    response = post_comment(post, author_email="annan@example.se", body="Ny text")
    assert response.status_code == 429
    assert "Du skickar kommentarer för snabbt" in response.content.decode()
    assert "Ny text</textarea>" in response.content.decode()
    assert Comment.objects.count() == 1


def test_flood_window_passes(post, post_comment):
    post_comment(post)
    Comment.objects.update(submitted_at=timezone.now() - timedelta(seconds=16))
    assert post_comment(post, body="Senare").status_code == 302


def test_flood_from_the_same_email_on_another_ip_is_refused(post, client, comment_data):
    for n, address in enumerate(["198.51.100.1", "198.51.100.2"]):
        response = client.post(f"/comments/post/{post.pk}/", comment_data(post, body=f"Text {n}"),
                               REMOTE_ADDR=address, headers={"origin": "http://testserver"})
    assert response.status_code == 429


def test_duplicate_comment_is_refused(post, post_comment):
    post_comment(post)
    Comment.objects.update(submitted_at=timezone.now() - timedelta(minutes=5))
    response = post_comment(post)
    assert response.status_code == 409
    assert "Dubblettkommentar" in response.content.decode()
    assert Comment.objects.count() == 1


def test_same_text_on_another_post_is_not_a_duplicate(post, post_comment):
    post_comment(post)
    Comment.objects.update(submitted_at=timezone.now() - timedelta(minutes=5))
    assert post_comment(PostFactory()).status_code == 302


def test_a_moderator_replying_on_the_site_is_approved_at_once(client, post, post_comment,
                                                              moderator):
    client.force_login(moderator)
    post_comment(post, author_name="Anna", author_email="anna@example.se")
    comment = stored()
    assert (comment.status, comment.user) == ("approved", moderator)
    assert comment.reason == "Skriven av en moderator."
