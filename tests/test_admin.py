"""The admin as the editor and the moderator use it."""

import pytest
from django.contrib.auth.models import Group

from comments.models import Comment
from posts.models import Post
from tests.factories import (
    CommentFactory,
    DraftFactory,
    PostFactory,
    ScheduledFactory,
    image_upload,
)

pytestmark = pytest.mark.django_db


def test_editor_group_has_exactly_the_publishing_permissions():
    permissions = Group.objects.get(name="Redaktör").permissions
    codenames = set(permissions.values_list("codename", flat=True))
    for model in ("post", "presslink", "embed", "category", "tag", "uploadedimage"):
        assert {f"add_{model}", f"change_{model}", f"delete_{model}", f"view_{model}"} <= codenames
    assert {"add_page", "change_page", "delete_page", "view_page"} <= codenames
    assert not any("comment" in codename or "user" in codename for codename in codenames)


def test_post_list_shows_status_time_and_comment_count(client, editor):
    client.force_login(editor)
    post = PostFactory(title="Med kommentarer")
    CommentFactory.create_batch(2, post=post)
    CommentFactory(post=post, status="pending")
    DraftFactory(title="Ett utkast")
    ScheduledFactory(title="Ett schemalagt")
    html = client.get("/admin/posts/post/").content.decode()
    assert "Med kommentarer" in html and "Utkast" in html and "Schemalagd" in html
    assert '<td class="field-comment_count">2</td>' in html


def test_editor_writes_a_post_with_press_link_and_embed_in_the_admin(client, editor):
    client.force_login(editor)
    form = client.get("/admin/posts/post/add/").content.decode()
    assert "markdownx" in form
    data = {
        "title": "Skriven i admin", "slug": "", "body": "## Hej\n\nText.", "excerpt": "",
        "status": "published", "published_at_0": "2024-05-01", "published_at_1": "10:00:00",
        "comments_open": "on", "featured_image_alt": "Kommunhuset",
        "featured_image": image_upload("kommunhus.jpg"),
        "press_links-TOTAL_FORMS": "1", "press_links-INITIAL_FORMS": "0",
        "press_links-0-kind": "op-ed", "press_links-0-outlet": "SvD Brännpunkt",
        "press_links-0-title": "Min artikel", "press_links-0-url": "https://svd.se/a",
        "press_links-0-date": "2024-05-01",
        "embeds-TOTAL_FORMS": "1", "embeds-INITIAL_FORMS": "0",
        "embeds-0-url": "https://youtu.be/dQw4w9WgXcQ", "embeds-0-caption": "Klipp",
        "embeds-0-order": "0",
    }
    response = client.post("/admin/posts/post/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    post = Post.objects.get(title="Skriven i admin")
    assert post.author == editor and post.slug == "skriven-i-admin"
    assert post.body_html.startswith("<h2>Hej</h2>")
    assert post.press_links.get().outlet == "SvD Brännpunkt"
    assert post.embeds.get().caption == "Klipp"
    assert len(post.featured_renditions()) >= 2


def test_featured_image_without_alt_text_is_refused(client, editor):
    client.force_login(editor)
    response = client.post("/admin/posts/post/add/", {
        "title": "Utan alt", "status": "draft", "published_at_0": "2024-05-01",
        "published_at_1": "10:00:00", "featured_image": image_upload(),
        "press_links-TOTAL_FORMS": "0", "press_links-INITIAL_FORMS": "0",
        "embeds-TOTAL_FORMS": "0", "embeds-INITIAL_FORMS": "0",
    })
    assert response.status_code == 200
    assert "En utvald bild behöver en alternativtext." in response.content.decode()
    assert not Post.objects.exists()


def test_moderator_can_view_posts_but_not_change_them(client, moderator):
    client.force_login(moderator)
    post = PostFactory(title="Orörd")
    assert client.get("/admin/posts/post/").status_code == 200
    page = client.get(f"/admin/posts/post/{post.pk}/change/")
    assert page.status_code == 200 and "Orörd" in page.content.decode()
    response = client.post(f"/admin/posts/post/{post.pk}/change/", {"title": "Ändrad"})
    assert response.status_code == 403
    post.refresh_from_db()
    assert post.title == "Orörd"
    assert client.get("/admin/posts/post/add/").status_code == 403


def test_moderator_approves_from_the_pending_queue(client, moderator):
    client.force_login(moderator)
    pending = CommentFactory(status="pending", body="Väntar här")
    CommentFactory(status="approved", body="Redan godkänd")
    queue = client.get("/admin/comments/comment/").content.decode()
    assert "Väntar här" in queue and "Redan godkänd" not in queue
    response = client.post("/admin/comments/comment/", {
        "action": "mark_approved", "_selected_action": [pending.pk],
    })
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Comment.Status.APPROVED
    assert pending.moderated_by == moderator and pending.moderated_at is not None


def test_the_change_form_records_who_decided_and_when(client, moderator):
    client.force_login(moderator)
    comment = CommentFactory(status="pending", body="Ändras i formuläret")
    form = {"post": comment.post_id, "parent": "", "author_name": comment.author_name,
            "author_email": comment.author_email, "author_url": "", "status": "approved",
            "body": "Ändras i formuläret, rättad"}
    response = client.post(f"/admin/comments/comment/{comment.pk}/change/", form)
    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.status, comment.body) == ("approved", "Ändras i formuläret, rättad")
    assert comment.moderated_by == moderator and comment.moderated_at is not None
    assert comment.reason == "Satt av moderator."


def test_staff_without_moderation_permission_cannot_use_the_actions(client):
    from django.contrib.auth.models import Permission

    from tests.factories import StaffFactory

    user = StaffFactory()
    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_comment",
                                                                      "change_comment"]))
    client.force_login(user)
    comment = CommentFactory(status="pending")
    html = client.get("/admin/comments/comment/").content.decode()
    assert "mark_approved" not in html
    client.post("/admin/comments/comment/", {"action": "mark_approved",
                                            "_selected_action": [comment.pk]})
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_admin_index_shows_pending_count(client, moderator):
    client.force_login(moderator)
    CommentFactory.create_batch(3, status="pending")
    assert "3 kommentarer väntar på granskning" in client.get("/admin/").content.decode()


def test_discussion_settings_open_as_a_single_form(client, moderator):
    client.force_login(moderator)
    response = client.get("/admin/comments/moderationsettings/", follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Håll alla kommentarer för granskning" in html
    assert 'name="link_limit" value="2"' in html


def test_login_throttling_records_appear_in_swedish(staff_client):
    index = staff_client.get("/admin/").content.decode()
    assert "Säkerhet" in index and "Misslyckade inloggningar" in index
    assert "Inloggningslogg" in index and "Access attempts" not in index


def test_the_admin_speaks_swedish_where_libraries_do_not(staff_client):
    index = staff_client.get("/admin/").content.decode()
    assert "Misslyckade inloggningar" in index and ">Axes<" not in index
    from posts.models import UploadedImage

    image = UploadedImage.objects.create(file="uploads/2026/11/bild.jpg", width=800, height=600)
    library = staff_client.get("/admin/posts/uploadedimage/").content.decode()
    assert "Mediebibliotek" in library and "Ladda upp bilder" in library
    assert "Används inte än" in library
    images = staff_client.get(f"/admin/posts/uploadedimage/{image.pk}/change/").content.decode()
    for label in ("Bredd", "Höjd", "Uppladdad av", "Uppladdad"):
        assert label in images
    assert "Width" not in images and "Uploaded at" not in images
