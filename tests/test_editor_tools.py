"""The editor's toolbar, image dialog and media library, and tags typed as words."""

import pytest

from posts.models import Post, Tag, UploadedImage
from tests.factories import PostFactory, StaffFactory, TagFactory, image_upload

pytestmark = pytest.mark.django_db


def upload(client, alt="", **image):
    return client.post("/markdownx/upload/", {"image": image_upload(**image), "alt": alt})


def test_the_post_and_page_forms_have_the_toolbar_and_the_image_dialog(editor_client):
    for path in ("/admin/posts/post/add/", "/admin/pages/page/add/"):
        html = editor_client.get(path).content.decode()
        assert 'role="toolbar"' in html and 'data-action="image"' in html
        assert "Alt-text: vad visar bilden?" in html
        assert "js/editor" in html


def test_an_upload_keeps_the_alt_text_it_was_given(editor_client):
    answer = upload(editor_client, alt="  Kommunhuset i\nvinterljus ").json()
    image = UploadedImage.objects.get()
    assert image.alt_text == "Kommunhuset i vinterljus"
    assert answer["image_code"] == f"![Kommunhuset i vinterljus](/media/{image.file.name})"
    assert answer["thumbnail"].endswith("-480w.jpg")


def test_the_library_offers_earlier_uploads_with_their_alt_text(editor_client):
    upload(editor_client, alt="Första bilden")
    upload(editor_client, alt="Andra [bilden]", color="#cc0000")
    listed = editor_client.get("/markdownx/images/").json()["images"]
    assert [item["alt"] for item in listed] == ["Andra [bilden]", "Första bilden"]
    assert listed[0]["image_code"].startswith("![Andra (bilden)](/media/uploads/")


def test_an_image_dropped_without_alt_text_is_given_one_afterwards(editor_client):
    upload(editor_client)
    image = UploadedImage.objects.get()
    answer = editor_client.post(f"/markdownx/images/{image.pk}/", {"alt": "Cykelbanan"}).json()
    image.refresh_from_db()
    assert image.alt_text == "Cykelbanan"
    assert answer["image_code"] == f"![Cykelbanan](/media/{image.file.name})"


def test_the_library_and_alt_text_are_for_staff_with_the_permission(client, editor_client):
    upload(editor_client, alt="Bild")
    image = UploadedImage.objects.get()
    client.logout()
    assert client.get("/markdownx/images/").status_code == 403
    assert client.post(f"/markdownx/images/{image.pk}/", {"alt": "x"}).status_code == 403
    client.force_login(StaffFactory())
    assert client.get("/markdownx/images/").status_code == 403
    assert client.post(f"/markdownx/images/{image.pk}/", {"alt": "x"}).status_code == 403
    image.refresh_from_db()
    assert image.alt_text == "Bild"


def post_form(**fields):
    return {
        "title": "Taggat inlägg", "slug": "", "body": "Text.", "excerpt": "",
        "status": "draft", "published_at_0": "2026-11-30", "published_at_1": "10:00:00",
        "comments_open": "on", "featured_image_alt": "",
        "press_links-TOTAL_FORMS": "0", "press_links-INITIAL_FORMS": "0",
        "embeds-TOTAL_FORMS": "0", "embeds-INITIAL_FORMS": "0", "_continue": "draft",
        **fields,
    }


def test_tags_are_typed_inline_and_new_ones_created(editor_client):
    TagFactory(name="Förskola")
    response = editor_client.post("/admin/posts/post/add/",
                                  post_form(tag_names="förskola, Trafik ,, trafik, Skolval"))
    assert response.status_code == 302, response.content.decode()[:2000]
    post = Post.objects.get()
    assert sorted(tag.name for tag in post.tags.all()) == ["Förskola", "Skolval", "Trafik"]
    assert Tag.objects.count() == 3
    form = editor_client.get(f"/admin/posts/post/{post.pk}/change/").content.decode()
    assert 'name="tag_names"' in form and "Förskola, Skolval, Trafik" in form
    assert "add_tag" not in form


def test_emptying_the_tags_field_removes_the_tags(editor_client):
    post = PostFactory(status="draft")
    post.tags.add(TagFactory(name="Budget"))
    response = editor_client.post(f"/admin/posts/post/{post.pk}/change/",
                                  post_form(title=post.title, tag_names=""))
    assert response.status_code == 302
    assert not post.tags.exists() and Tag.objects.filter(name="Budget").exists()
