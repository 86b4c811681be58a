"""Every save of a post or page keeps a revision; the writer compares two and restores one."""

import re

import pytest
from reversion.models import Version

from pages.models import Page
from posts.models import Post
from tests.test_publishing_buttons import form

pytestmark = pytest.mark.django_db(transaction=True)


def save_post(client, post=None, **fields):
    url = f"/admin/posts/post/{post.pk}/change/" if post else "/admin/posts/post/add/"
    data = form("draft", **fields)
    if post:
        data["slug"] = post.slug
    assert client.post(url, data).status_code == 302
    return post or Post.objects.get()


def test_every_save_keeps_a_revision_with_who_and_when(editor_client, editor):
    post = save_post(editor_client, title="Första", body="Rad ett.")
    save_post(editor_client, post, title="Andra", body="Rad ett.\nRad två.")
    versions = Version.objects.get_for_object(post)
    assert [v.field_dict["title"] for v in versions] == ["Andra", "Första"]
    assert {v.revision.user for v in versions} == {editor}
    history = editor_client.get(f"/admin/posts/post/{post.pk}/history/").content.decode()
    assert "Jämför" in history and "Återställ" in history


def test_the_writer_sees_what_changed_between_two_revisions(editor_client):
    post = save_post(editor_client, title="Budget", body="Skolan får mer.\nVägarna lagas.")
    save_post(editor_client, post, title="Budget", body="Skolan får mer.\nCykelbanor byggs.")
    old, new = Version.objects.get_for_object(post)[1], Version.objects.get_for_object(post)[0]
    page = editor_client.get(f"/admin/posts/post/{post.pk}/history/compare/",
                             {"from": old.pk, "to": new.pk}).content.decode()
    assert "Skolan får mer.\n<del>Vägarna lagas.</del><ins>Cykelbanor byggs.</ins>" in page
    now = editor_client.get(f"/admin/posts/post/{post.pk}/history/compare/",
                            {"from": old.pk, "to": "current"}).content.decode()
    assert "<ins>Cykelbanor byggs.</ins>" in now


def test_a_changed_word_is_marked_alone_not_its_whole_line(editor_client):
    post = save_post(editor_client, title="Budget", body="Skolan får mer pengar i år.")
    save_post(editor_client, post, title="Budget", body="Skolan får mycket mer pengar i år.")
    old, new = Version.objects.get_for_object(post)[1], Version.objects.get_for_object(post)[0]
    page = editor_client.get(f"/admin/posts/post/{post.pk}/history/compare/",
                             {"from": old.pk, "to": new.pk}).content.decode()
    assert "Skolan får <ins>mycket </ins>mer pengar i år." in page


def test_restoring_brings_back_the_text_and_is_itself_a_revision(editor_client):
    post = save_post(editor_client, title="Original", body="Den första texten.")
    save_post(editor_client, post, title="Ändrad", body="En sämre text.")
    first = Version.objects.get_for_object(post).last()
    response = editor_client.post(f"/admin/posts/post/{post.pk}/history/{first.pk}/restore/")
    assert response.status_code == 302
    post.refresh_from_db()
    assert (post.title, post.body) == ("Original", "Den första texten.")
    assert "Den första texten." in post.body_html
    assert Version.objects.get_for_object(post).count() == 3
    assert "Återställde texten" in Version.objects.get_for_object(post).first().revision.comment


def test_pages_keep_revisions_too(editor_client):
    data = {"title": "Om mig", "slug": "om-mig", "body": "Jag heter Anna.", "status": "draft",
            "menu_order": "0"}
    assert editor_client.post("/admin/pages/page/add/", data).status_code == 302
    page = Page.objects.get()
    data["body"] = "Jag heter Anna Andersson."
    editor_client.post(f"/admin/pages/page/{page.pk}/change/", data)
    assert Version.objects.get_for_object(page).count() == 2


def test_a_moderator_cannot_restore_a_post(client, moderator, editor):
    client.force_login(editor)
    post = save_post(client, title="Original")
    version = Version.objects.get_for_object(post).first()
    client.force_login(moderator)
    response = client.post(f"/admin/posts/post/{post.pk}/history/{version.pk}/restore/")
    assert response.status_code == 403


def test_the_history_says_what_each_save_did_in_the_writers_words(editor_client):
    from datetime import timedelta

    from django.utils import timezone

    from tests.test_publishing_buttons import ADD

    editor_client.post(ADD, form("draft", title="Budget", body="Text."))
    post = Post.objects.get()
    change = f"/admin/posts/post/{post.pk}/change/"
    data = form("draft", title="Budgeten", body="Ny text.")
    data["slug"] = post.slug
    editor_client.post(change, data)
    tomorrow = timezone.now() + timedelta(days=1)
    scheduled = form("schedule", when=tomorrow, title="Budgeten", body="Ny text.")
    scheduled["slug"] = post.slug
    editor_client.post(change, scheduled)
    published = form("publish", title="Budgeten", body="Ny text.")
    published["slug"] = post.slug
    editor_client.post(change, published)
    history = editor_client.get(f"/admin/posts/post/{post.pk}/history/").content.decode()
    assert "Skrev inlägget. Sparade som utkast." in history
    assert "Sparade som utkast. Ändrade rubrik, brödtext" in history
    assert re.search(r"Schemalade till \d{1,2} [a-zåäö]+ \d{4} kl\. \d\d:\d\d\.", history)
    assert "Publicerade." in history
    assert "Body" not in history and "Inga fält ändrade" not in history
