"""The site's identity and the reader's ways around it: set by the editor in the admin, shown
on every page, with WordPress's widgets (categories, archive, latest comments)."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from PIL import Image

from comments.models import Comment
from core.models import SiteIdentity
from tests.factories import CategoryFactory, CommentFactory, DraftFactory, PostFactory, image_upload

pytestmark = pytest.mark.django_db
FORM = "/admin/core/siteidentity/"


def html(path):
    return Client().get(path).content.decode()


def identity_form(**extra):
    return {"site_name": "Annas blogg", "tagline": "Om Huddinge", "person_name": "Anna Andersson",
            "role": "Kommunalråd (S)", "bio": "Jag bor i Flemingsberg.\n\nJag cyklar.",
            "footer_text": "Ansvarig utgivare: Anna Andersson", "facebook": "https://facebook.com/anna",
            "instagram": "", "x": "", "linkedin": "", "youtube": "",
            "contact_email": "anna@example.se", **extra}


def test_the_editor_sets_the_identity_in_the_admin_and_every_page_shows_it(editor_client):
    PostFactory(title="Ett inlägg")
    assert "Huddingebloggen" in html("/")
    form = editor_client.get(FORM, follow=True)
    change = form.redirect_chain[-1][0]
    response = editor_client.post(change, identity_form(
        portrait=image_upload("anna.jpg", size=(1200, 900)),
        site_icon=image_upload("ikon.png", fmt="PNG", size=(600, 600))))
    assert response.status_code == 302
    identity = SiteIdentity.objects.get()
    with identity.portrait.open() as stored:
        assert max(Image.open(stored).size) == 400
    page = html("/")
    for shown in ("Annas blogg", "Om Huddinge", "Anna Andersson", "Kommunalråd (S)",
                  "<p>Jag bor i Flemingsberg.</p>", "Ansvarig utgivare: Anna Andersson",
                  'href="https://facebook.com/anna"', 'href="mailto:anna@example.se"',
                  f'src="{identity.portrait.url}"',
                  f'<link rel="icon" href="{identity.site_icon.url}">'):
        assert shown in page, shown
    assert "Huddingebloggen" not in page


def test_the_portrait_comes_in_copies_the_size_it_is_shown(editor_client):
    change = editor_client.get(FORM, follow=True).redirect_chain[-1][0]
    editor_client.post(change, identity_form(portrait=image_upload("anna.jpg", size=(900, 900))))
    identity = SiteIdentity.objects.get()
    stem = identity.portrait.url.rsplit(".", 1)[0].replace("/media/", "/media/renditions/")
    srcset = f"{stem}-128w.jpg 128w, {stem}-256w.jpg 256w, {identity.portrait.url} 400w"
    assert f'srcset="{srcset}" sizes="7rem"' in html("/")
    editor_client.post(change, identity_form(**{"portrait-clear": "on"}))
    identity.refresh_from_db()
    assert identity.portrait_sizes == []
    assert "srcset" not in html("/").split("widget about")[1][:400]


def test_there_is_one_identity_to_change_and_none_to_add_or_delete(editor_client):
    editor_client.get(FORM)
    editor_client.get(FORM)
    assert SiteIdentity.objects.count() == 1
    assert editor_client.get(f"{FORM}add/").status_code == 403
    pk = SiteIdentity.objects.get().pk
    assert editor_client.post(f"{FORM}{pk}/delete/", {"post": "yes"}).status_code == 403


def test_changing_the_identity_refreshes_every_cached_page(editor_client):
    post = PostFactory()
    for path in ("/", post.get_absolute_url()):
        Client().get(path)
        assert Client().get(path)["X-Page-Cache"] == "hit"
    change = editor_client.get(FORM, follow=True).redirect_chain[-1][0]
    editor_client.post(change, identity_form(person_name="Bo Berg"))
    for path in ("/", post.get_absolute_url()):
        assert "Bo Berg" in html(path)


def test_the_identity_text_is_escaped(editor_client):
    change = editor_client.get(FORM, follow=True).redirect_chain[-1][0]
    editor_client.post(change, identity_form(bio="<script>alert(1)</script>"))
    assert "<script>alert(1)" not in html("/") and "&lt;script&gt;" in html("/")


def test_a_social_link_must_be_a_web_address(editor_client):
    change = editor_client.get(FORM, follow=True).redirect_chain[-1][0]
    response = editor_client.post(change, identity_form(facebook="javascript:alert(1)"))
    assert response.status_code == 200 and "Facebook" in response.content.decode()
    assert not SiteIdentity.objects.filter(facebook__startswith="javascript").exists()


def test_listing_pages_show_categories_months_and_latest_comments():
    politics = CategoryFactory(name="Politik")
    for days in (1, 40):
        post = PostFactory(published_at=timezone.now() - timedelta(days=days))
        post.categories.add(politics)
    DraftFactory().categories.add(CategoryFactory(name="Hemligt"))
    commented = PostFactory(title="Om cykelvägar")
    CommentFactory(post=commented, author_name="Lisa")
    CommentFactory(post=commented, author_name="Spammaren", status=Comment.Status.SPAM)
    page = html("/")
    assert "Politik</a> <span class=\"count\">(2)</span>" in page
    assert "Hemligt" not in page
    assert "Lisa om" in page and "Om cykelvägar" in page and "Spammaren" not in page
    month = timezone.localtime(commented.published_at)
    assert f'href="/{month:%Y}/{month:%m}/"' in page


def test_a_post_page_links_to_the_full_indexes_instead():
    post = PostFactory()
    page = html(post.get_absolute_url())
    assert 'href="/categories/"' in page and 'href="/archive/"' in page
    assert "Senaste kommentarerna" not in page


def test_the_index_pages_count_published_posts_only():
    trafik = CategoryFactory(name="Trafik")
    PostFactory(published_at=timezone.now() - timedelta(days=400)).categories.add(trafik)
    DraftFactory().categories.add(trafik)
    assert "Trafik</a> <span class=\"count\">(1)</span>" in html("/categories/")
    archive = html("/archive/")
    year = timezone.localtime(timezone.now() - timedelta(days=400)).year
    assert f'href="/{year}/"' in archive and "(1)" in archive


def test_the_widgets_follow_every_change_to_what_they_count(editor):
    from comments.status import set_status

    post = PostFactory(title="Om bussar")
    comment = CommentFactory(post=post, author_name="Kalle", status=Comment.Status.PENDING)
    assert "Kalle om" not in html("/")
    set_status(Comment.objects.filter(pk=comment.pk), Comment.Status.APPROVED, editor)
    assert "Kalle om" in html("/") and "Kalle om" in html("/?page=1")
    CategoryFactory(name="Miljö").posts.add(PostFactory())
    assert "Miljö</a>" in html("/")


def test_the_short_identity_fields_are_one_line(editor_client):
    change = editor_client.get(FORM, follow=True).redirect_chain[-1][0]
    for field in ("site_name", "tagline", "person_name", "role", "footer_text"):
        response = editor_client.post(change, identity_form(**{field: "Annas\r\nBcc: x@y.se"}))
        assert response.status_code == 200, field
        assert "på en rad" in response.content.decode(), field
        assert not SiteIdentity.objects.filter(**{f"{field}__contains": "\n"}).exists()


def test_a_line_break_saved_before_the_check_breaks_no_mail(django_capture_on_commit_callbacks):
    from django.core import mail

    from comments.models import PrivacyRequest
    from comments.privacy import open_request
    from core import identity

    SiteIdentity.objects.create(site_name="Annas\nblogg", person_name="Anna\r\nAndersson")
    identity.forget()
    assert identity.current().site_name == "Annas blogg"
    with django_capture_on_commit_callbacks(execute=True):
        open_request(PrivacyRequest(email="karin@example.se", kind="export"))
    [message] = mail.outbox
    assert "Annas blogg" in message.subject and "\n" not in message.subject
