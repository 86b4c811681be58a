"""A visitor whose comment has a mistake lands at the form, told what is wrong, text kept."""

import re

import pytest
from django.test import Client

from comments.models import Comment
from core.models import SiteIdentity
from tests.factories import CommentFactory, DraftFactory, PostFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def post():
    return PostFactory(title="Förskolorna")


def between(html, start, end):
    return html[html.index(start):html.index(end, html.index(start))]


def test_a_mistake_lands_at_the_form_with_a_focused_summary_and_a_telling_title(
        client, post, post_comment):
    response = post_comment(post, author_email="inte-en-adress", body="Min text")
    html = response.content.decode()
    assert response.status_code == 400
    summary = between(html, 'id="comment-errors"', "</div>")
    assert 'role="alert"' in summary and "autofocus" in summary
    assert '<a href="#id_author_email">E-postadress: ' in summary
    assert re.search(r"<title>Fel: Förskolorna", html)
    assert "Min text" in html


def test_opening_the_forms_address_leads_to_the_post_not_an_error(client, post):
    response = client.get(f"/comments/post/{post.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"{post.get_absolute_url()}#respond"


def test_a_reply_with_a_mistake_stays_under_its_comment(client, post, post_comment):
    first, second = CommentFactory(post=post), CommentFactory(post=post)
    html = post_comment(post, parent=str(first.pk), author_name="").content.decode()
    under_first = between(html, f'id="comment-{first.pk}"', f'id="comment-{second.pk}"')
    assert 'id="respond"' in under_first and html.count('id="respond"') == 1
    assert f'name="parent" value="{first.pk}"' in under_first


def test_a_reply_link_without_javascript_opens_the_form_under_the_comment(client, post):
    first, second = CommentFactory(post=post), CommentFactory(post=post)
    html = client.get(f"{post.get_absolute_url()}?replytocom={first.pk}").content.decode()
    assert 'id="respond"' in between(html, f'id="comment-{first.pk}"', f'id="comment-{second.pk}"')


def test_a_comment_taken_for_spam_shows_to_its_writer_as_held(client, post, post_comment):
    from comments.forms import sign_timestamp

    response = post_comment(post, timestamp=sign_timestamp(post), body="Snabbt skrivet")
    comment = Comment.objects.get(body="Snabbt skrivet")
    assert comment.status == "spam"
    page = client.get(response["Location"]).content.decode()
    assert f'id="comment-{comment.pk}"' in page and "Din kommentar väntar på granskning" in page
    assert "Snabbt skrivet" not in Client().get(post.get_absolute_url()).content.decode()


def test_simple_formatting_in_a_comment_is_shown_and_explained(client, post):
    CommentFactory(post=post, body="Det här är <b>viktigt</b> och <i>lutande</i>.")
    html = client.get(post.get_absolute_url()).content.decode()
    assert "<b>viktigt</b> och <i>lutande</i>" in html
    assert "Du kan använda de här HTML-taggarna:" in html and '&lt;a href=""&gt;' in html


def test_a_drafts_preview_does_not_say_comments_are_closed(staff_client):
    draft = DraftFactory()
    html = staff_client.get(draft.get_absolute_url()).content.decode()
    assert "Kommentarer är stängda" not in html
    assert "Kommentarer kan skrivas när inlägget har publicerats." in html


def test_the_seconds_in_a_moderation_reason_agree_with_their_number():
    from comments.models import ModerationSettings
    from comments.moderation import decide

    decision = decide(Comment(body="x"), ModerationSettings.current(), age=1)
    assert decision.reason == "Skickad 1 sekund efter att formuläret visades."


@pytest.mark.parametrize("name", ["Anna Andersson", "ANNA  ANDERSSON", "Anna\u200bAndersson",
                                  "Anna-Andersson", "Bo Berg", "redaktor"])
def test_the_owners_and_staff_names_are_for_signed_in_staff(post, post_comment, name):
    SiteIdentity.objects.create(site_name="Annas blogg", person_name="Anna Andersson")
    StaffFactory(username="redaktor", first_name="Bo", last_name="Berg")
    response = post_comment(post, author_name=name, body="Jag håller med mig själv")
    html = response.content.decode()
    assert response.status_code == 400 and "under ditt eget namn" in html
    assert "Jag håller med mig själv" in html
    assert not Comment.objects.exists()


@pytest.mark.parametrize(("typed", "stored"), [("\u202emodnA annA", "modnA annA"),
                                              ("Karin\u200d\u2066 Läsare\u00ad", "Karin Läsare")])
def test_invisible_and_direction_characters_are_dropped_from_names(post, post_comment, typed,
                                                                    stored):
    post_comment(post, author_name=typed)
    assert Comment.objects.get().author_name == stored


def test_a_name_of_invisible_characters_only_is_no_name(post, post_comment):
    response = post_comment(post, author_name="\u200b\u200b")
    assert response.status_code == 400 and not Comment.objects.exists()
