"""The site owner answers a comment from the admin ("Approve and reply")."""

import pytest
from django.test import Client

from comments.models import Comment, ModerationSettings
from tests.factories import CommentFactory, PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator_client(moderator):
    moderator.first_name, moderator.last_name = "Anna", "Politiker"
    moderator.email = "anna@example.se"
    moderator.save()
    browser = Client()
    browser.force_login(moderator)
    return browser


@pytest.fixture
def comment():
    return CommentFactory(post=PostFactory(title="Förskolorna"), body="Vad händer nu?")


def reply_url(comment):
    return f"/admin/comments/comment/{comment.pk}/reply/"


def test_reply_form_shows_the_comment_answered(moderator_client, comment):
    page = moderator_client.get(reply_url(comment)).content.decode()
    assert "Vad händer nu?" in page
    assert "Förskolorna" in page
    assert 'name="body"' in page


def test_moderator_reply_is_published_nested_under_the_comment(client, moderator_client,
                                                               comment):
    response = moderator_client.post(reply_url(comment), {"body": "Vi bygger två nya."})
    answer = Comment.objects.get(parent=comment)
    assert response.status_code == 302
    assert response.url == "/admin/comments/comment/"
    queue = moderator_client.get(response.url).content.decode()
    assert f'Ditt svar är publicerat. <a href="{answer.get_absolute_url()}">' in queue
    assert (answer.status, answer.author_name, answer.user.username) == (
        "approved", "Anna Politiker", "moderator")
    client.logout()
    page = client.get(comment.post.get_absolute_url()).content.decode()
    nested = page.index(f'id="comment-{comment.pk}"') < page.index(f'id="comment-{answer.pk}"')
    assert nested and "Vi bygger två nya." in page
    assert "anna@example.se" not in page
    assert "2 svar på" in page


def test_replying_to_a_held_comment_approves_it(moderator_client, comment):
    comment.status = Comment.Status.PENDING
    comment.save()
    page = moderator_client.get(reply_url(comment)).content.decode()
    assert "Godkänn och svara" in page
    moderator_client.post(reply_url(comment), {"body": "Tack!"})
    comment.refresh_from_db()
    assert comment.status == "approved"
    assert comment.moderated_by.username == "moderator"


@pytest.mark.parametrize("status", ["spam", "trash"])
def test_spam_and_trash_cannot_be_answered(moderator_client, comment, status):
    comment.status = status
    comment.save()
    assert "Återställ kommentaren" in moderator_client.get(reply_url(comment)).content.decode()
    page = moderator_client.post(reply_url(comment), {"body": "Hej"}).content.decode()
    assert "Återställ kommentaren" in page
    assert not Comment.objects.filter(parent=comment).exists()


def test_depth_limit_refuses_the_reply_and_keeps_the_text(moderator_client, comment):
    ModerationSettings.objects.update(max_depth=1)
    response = moderator_client.post(reply_url(comment), {"body": "Mitt långa svar"})
    page = response.content.decode()
    assert "Svar kan inte nästlas djupare" in page
    assert "Mitt långa svar" in page
    assert not Comment.objects.filter(parent=comment).exists()


def test_empty_reply_is_refused_with_a_message(moderator_client, comment):
    page = moderator_client.post(reply_url(comment), {"body": ""}).content.decode()
    assert "Skriv ett svar." in page
    assert not Comment.objects.filter(parent=comment).exists()


def test_staff_without_moderation_permission_cannot_reply(client, editor, comment):
    client.force_login(editor)
    assert client.post(reply_url(comment), {"body": "Hej"}).status_code == 403
    assert not Comment.objects.filter(parent=comment).exists()


def test_queue_and_change_page_link_to_the_reply_form(moderator_client, comment):
    comment.status = Comment.Status.PENDING
    comment.save()
    assert reply_url(comment) in moderator_client.get("/admin/comments/comment/").content.decode()
    change = moderator_client.get(f"/admin/comments/comment/{comment.pk}/change/")
    assert reply_url(comment) in change.content.decode()


@pytest.mark.parametrize("count", [3, 30])
def test_queue_queries_do_not_grow_with_comments(moderator_client, count,
                                                 django_assert_max_num_queries):
    """The site's name in the header is the identity's, read from the cache (one query
    when the cache does not have it yet, as here)."""
    CommentFactory.create_batch(count, status=Comment.Status.PENDING)
    with django_assert_max_num_queries(15):
        assert moderator_client.get("/admin/comments/comment/").status_code == 200
