"""Autosave: the writer's text kept on the server beside the post, never over it."""

import pytest
from reversion.models import Version

from posts.models import Autosave, Post
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db


def autosave(client, post=None, **text):
    url = f"/admin/posts/post/{post.pk}/autosave/" if post else "/admin/posts/post/autosave/"
    return client.post(url, {"title": "Rubrik", "excerpt": "", "body": "Text.", **text})


def test_an_autosave_is_kept_beside_the_post_and_shown_on_reopening(editor_client):
    post = PostFactory(title="Publicerad rubrik", body="Den publicerade texten.")
    answer = autosave(editor_client, post, title="Ny rubrik", body="Halvskriven text.")
    assert answer.status_code == 200 and answer.json()["message"].startswith("Sparad kl. ")
    post.refresh_from_db()
    assert post.body == "Den publicerade texten.", "the public post is untouched"
    assert not Version.objects.get_for_object(post).exists(), "no revision per autosave"
    page = editor_client.get(f"/admin/posts/post/{post.pk}/change/").content.decode()
    assert "Halvskriven text.</textarea>" in page and 'value="Ny rubrik"' in page
    assert "automatiskt" in page


def test_saving_the_post_for_real_removes_its_autosave(editor_client):
    from tests.test_publishing_buttons import form

    post = PostFactory(title="Rubrik")
    autosave(editor_client, post, body="Utkast.")
    data = form("publish", title="Rubrik", body="Färdig text.", slug=post.slug)
    assert editor_client.post(f"/admin/posts/post/{post.pk}/change/", data).status_code == 302
    assert not Autosave.objects.exists()


def test_a_new_posts_first_autosave_makes_it_a_draft(editor_client, editor):
    answer = autosave(editor_client, title="Helt ny", body="Början på en text.").json()
    post = Post.objects.get()
    assert post.status == Post.Status.DRAFT and post.author == editor and not post.is_public
    assert answer["change_url"] == f"/admin/posts/post/{post.pk}/change/"
    assert Autosave.objects.get().body == "Början på en text."


def test_only_writers_may_autosave(client, moderator):
    post = PostFactory()
    client.force_login(moderator)
    assert autosave(client, post).status_code == 403
    assert client.get(f"/admin/posts/post/{post.pk}/autosave/").status_code in {403, 405}
