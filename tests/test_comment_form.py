"""The "Leave a reply" form as a visitor uses it."""

import pytest
from django.test import Client

from comments.models import Comment
from tests.factories import CommentFactory, DraftFactory, PostFactory, ScheduledFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def post():
    return PostFactory(title="Förskolor")


def test_form_mirrors_wordpress_swedish_form(client, post):
    html = client.get(post.get_absolute_url()).content.decode()
    for text in [
        "Lämna ett svar",
        "Din e-postadress kommer inte publiceras. Obligatoriska fält är märkta *",
        "Namn <span", "E-postadress <span", ">Webbplats</label>", "Kommentar <span",
        "Spara mitt namn, min e-postadress och webbplats i denna webbläsare till nästa gång "
        "jag skriver en kommentar.",
        "Skicka kommentar",
    ]:
        assert text in html, text
    assert 'name="csrfmiddlewaretoken"' not in html


def test_valid_comment_redirects_to_it_and_only_the_submitter_sees_it_pending(
    client, post, post_comment
):
    response = post_comment(post)
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{post.get_absolute_url()}#comment-{comment.pk}"
    assert comment.status == Comment.Status.PENDING
    assert comment.reason == "Alla kommentarer granskas innan de publiceras."
    mine = client.get(post.get_absolute_url()).content.decode()
    assert "Din kommentar väntar på granskning." in mine
    assert "Bra skrivet om förskolorna!" in mine
    assert "svar på ”Förskolor”" not in mine
    other = Client().get(post.get_absolute_url()).content.decode()
    assert "Bra skrivet om förskolorna!" not in other
    assert "väntar på granskning" not in other


def test_stored_fields_include_ip_and_user_agent(client, post, comment_data):
    client.post(f"/comments/post/{post.pk}/", comment_data(post, author_url="karin.se"),
                headers={"origin": "http://testserver", "user-agent": "Testwebbläsare/1.0"},
                REMOTE_ADDR="198.51.100.7")
    comment = Comment.objects.get()
    assert comment.ip_address == "198.51.100.7"
    assert comment.user_agent == "Testwebbläsare/1.0"
    assert comment.author_url == "https://karin.se"


def test_invalid_input_keeps_what_was_typed_with_swedish_errors(client, post, post_comment):
    response = post_comment(post, author_email="", author_url="inte en adress",
                            body="Min långa text\nmed två rader")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Fyll i din e-postadress." in html
    assert "Fyll i en giltig webbadress." in html
    assert "Min långa text\nmed två rader</textarea>" in html
    assert 'value="Karin Läsare"' in html
    assert 'aria-invalid="true"' in html
    assert not Comment.objects.exists()


def test_form_from_another_site_is_refused_but_keeps_the_text(client, post, comment_data):
    response = client.post(f"/comments/post/{post.pk}/", comment_data(post),
                           headers={"origin": "https://evil.example"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Formuläret skickades inte från den här webbplatsen" in html
    assert "Bra skrivet om förskolorna!</textarea>" in html
    assert not Comment.objects.exists()


def test_referer_is_accepted_when_origin_is_missing(client, post, comment_data):
    response = client.post(f"/comments/post/{post.pk}/", comment_data(post),
                           headers={"referer": f"http://testserver{post.get_absolute_url()}"})
    assert response.status_code == 302


def test_form_works_with_csrf_checks_on_because_it_needs_no_token(post, comment_data):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(f"/comments/post/{post.pk}/", comment_data(post),
                            headers={"origin": "http://testserver"})
    assert response.status_code == 302


def test_consent_box_remembers_details_only_when_ticked(client, post, post_comment):
    post_comment(post, remember="on")
    html = client.get(post.get_absolute_url()).content.decode()
    assert 'value="Karin Läsare"' in html and 'value="karin@example.se"' in html
    assert 'name="remember" id="id_remember" checked' in html
    assert client.cookies["comment_author"]["httponly"]
    other = Client()
    post_comment(post, browser=other, author_email="ny@example.se", body="Annan text")
    assert "comment_author" not in other.cookies or not other.cookies["comment_author"].value
    assert "karin@example.se" not in other.get(post.get_absolute_url()).content.decode()


def test_comments_are_refused_on_closed_posts(client, post_comment):
    closed = PostFactory(comments_open=False)
    html = client.get(closed.get_absolute_url()).content.decode()
    assert "Kommentarer är stängda." in html and "Lämna ett svar" not in html
    response = post_comment(closed)
    assert response.status_code == 403
    assert "Kommentarer är stängda för det här inlägget." in response.content.decode()
    assert "Bra skrivet om förskolorna!</textarea>" in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.parametrize("factory", [DraftFactory, ScheduledFactory])
def test_comments_are_refused_on_drafts_and_scheduled_posts(post_comment, factory):
    assert post_comment(factory()).status_code == 404
    assert not Comment.objects.exists()


def test_comments_close_on_old_posts_when_configured(post_comment):
    from datetime import timedelta

    from django.utils import timezone

    from comments.models import ModerationSettings

    ModerationSettings.objects.update(close_after_days=30)
    old = PostFactory(published_at=timezone.now() - timedelta(days=31))
    assert post_comment(old).status_code == 403
    assert post_comment(PostFactory()).status_code == 302


def test_reply_without_javascript_via_replytocom(client, post, post_comment):
    parent = CommentFactory(post=post)
    html = client.get(f"{post.get_absolute_url()}?replytocom={parent.pk}").content.decode()
    assert f'name="parent" value="{parent.pk}"' in html
    post_comment(post, parent=str(parent.pk), body="Ett svar")
    reply = Comment.objects.get(body="Ett svar")
    assert reply.parent == parent and reply.depth == 2


def test_reply_to_a_comment_of_another_post_is_refused(post, post_comment):
    foreign = CommentFactory(post=PostFactory())
    response = post_comment(post, parent=str(foreign.pk))
    assert response.status_code == 400
    assert "Kommentaren du svarar på finns inte." in response.content.decode()
    assert not Comment.objects.filter(post=post).exists()


def test_reply_to_a_pending_comment_is_refused(post, post_comment):
    pending = CommentFactory(post=post, status="pending")
    assert post_comment(post, parent=str(pending.pk)).status_code == 400


def test_reply_to_a_pingback_is_refused_as_in_the_admin(post, post_comment):
    pingback = CommentFactory(post=post, status="approved", kind="pingback")
    response = post_comment(post, parent=str(pingback.pk))
    assert response.status_code == 400
    assert "Pingbacks och trackbacks kan inte besvaras." in response.content.decode()
    assert Comment.objects.filter(post=post).count() == 1


def test_depth_limit(post, post_comment):
    parent = None
    for _ in range(5):
        parent = CommentFactory(post=post, parent=parent)
    assert parent.depth == 5
    response = post_comment(post, parent=str(parent.pk))
    assert response.status_code == 400
    assert "Svar kan inte nästlas djupare här." in response.content.decode()


def test_approved_comments_show_threaded_with_heading_and_links(client, post):
    first = CommentFactory(post=post, author_name="Olle", author_url="https://olle.se",
                           body="Första\nandra raden https://huddinge.se")
    CommentFactory(post=post, parent=first, author_name="Anna", body="Svar till Olle")
    html = client.get(post.get_absolute_url()).content.decode()
    assert "2 svar på ”Förskolor”" in html
    assert '<a href="https://olle.se" rel="nofollow ugc noopener">Olle</a>' in html
    assert "Första<br>andra raden" in html
    assert '<a href="https://huddinge.se" rel="nofollow ugc noopener">' in html
    olle, anna = html.index("Olle</a>"), html.index("Svar till Olle")
    assert olle < html.index('<ol class="children">') < anna


def test_single_reply_heading_uses_singular(client, post):
    CommentFactory(post=post)
    assert "1 svar på ”Förskolor”" in client.get(post.get_absolute_url()).content.decode()


def test_comment_markup_is_escaped(client, post):
    CommentFactory(post=post, body='<script>alert(1)</script><img src=x onerror=alert(1)>')
    html = client.get(post.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize("status", ["pending", "spam", "trash"])
def test_unapproved_comments_are_never_shown_to_others(client, post, status):
    CommentFactory(post=post, status=status, body=f"Syns inte {status}")
    html = client.get(post.get_absolute_url()).content.decode()
    assert f"Syns inte {status}" not in html
    assert f"Syns inte {status}" not in client.get("/comments/feed/").content.decode()


def test_signed_in_staff_comment_as_their_account_without_name_or_email_fields(
        client, post, moderator, comment_data):
    moderator.first_name, moderator.last_name, moderator.email = "Anna", "Politiker", "anna@x.se"
    moderator.save()
    client.force_login(moderator)
    html = client.get(post.get_absolute_url()).content.decode()
    assert "Inloggad som Anna Politiker." in html
    assert 'name="author_email"' not in html and 'name="author_name"' not in html
    data = {key: value for key, value in comment_data(post, body="Tack för frågan!").items()
            if not key.startswith("author_")}
    response = client.post(f"/comments/post/{post.pk}/", data,
                            headers={"origin": "http://testserver"})
    assert response.status_code == 302
    comment = Comment.objects.get(body="Tack för frågan!")
    assert (comment.author_name, comment.author_email) == ("Anna Politiker", "anna@x.se")
    assert comment.user == moderator and comment.status == "approved"
