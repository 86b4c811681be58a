"""The markdownx editor's preview and upload endpoints: staff only, images verified."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from posts.models import UploadedImage
from tests.factories import image_upload

pytestmark = pytest.mark.django_db
BAD_IMAGES = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "bad-input" / "images"


def test_anonymous_preview_and_upload_are_refused(client):
    assert client.post("/markdownx/markdownify/", {"content": "# hej"}).status_code == 403
    response = client.post("/markdownx/upload/", {"image": image_upload()})
    assert response.status_code == 403
    assert not UploadedImage.objects.exists()


def test_logged_in_non_staff_is_refused(client, visitor):
    client.force_login(visitor)
    assert client.post("/markdownx/markdownify/", {"content": "# hej"}).status_code == 403


def test_preview_is_the_same_sanitized_rendering_as_the_page(editor_client):
    response = editor_client.post(
        "/markdownx/markdownify/",
        {"content": "## Rubrik\n\n[länk](https://svd.se) [x](javascript:alert(1))"},
    )
    html = response.content.decode()
    assert "<h2>Rubrik</h2>" in html
    assert '<a href="https://svd.se" rel="noopener">länk</a>' in html
    assert "javascript" not in html


def test_editor_upload_is_reencoded_without_metadata_and_returns_markdown(editor_client):
    exif = Image.Exif()
    exif[0x010E] = "Kameran sa hej"
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), "#336699").save(buffer, "JPEG", exif=exif,
                                                 comment=b"en kommentar")
    upload = SimpleUploadedFile("foto.jpg", buffer.getvalue())
    response = editor_client.post("/markdownx/upload/", {"image": upload},
                                  headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code == 200
    image = UploadedImage.objects.get()
    assert response.json()["image_code"] == f"![](/media/{image.file.name})"
    assert (image.width, image.height) == (1200, 800)
    stored = image.file.read()
    assert b"Kameran sa hej" not in stored and b"en kommentar" not in stored


def test_the_same_file_uploaded_twice_is_stored_once(editor_client):
    data = image_upload("cykel.png", fmt="PNG").read()
    answers = []
    for name, alt in (("cykel.png", ""), ("cykel-igen.png", "Den nya cykelbanan")):
        response = editor_client.post(
            "/markdownx/upload/", {"image": SimpleUploadedFile(name, data), "alt": alt},
            headers={"x-requested-with": "XMLHttpRequest"})
        answers.append(response.json())
    image = UploadedImage.objects.get()
    assert answers[0]["id"] == answers[1]["id"] == image.pk
    assert answers[0]["url"] == answers[1]["url"]
    assert image.alt_text == "Den nya cykelbanan"
    other = image_upload("annan.png", fmt="PNG", color="#cc0000")
    editor_client.post("/markdownx/upload/", {"image": other},
                       headers={"x-requested-with": "XMLHttpRequest"})
    assert UploadedImage.objects.count() == 2


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("x.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
                           content_type="image/svg+xml"),
        SimpleUploadedFile("x.jpg", b"<html><script>alert(1)</script></html>",
                           content_type="image/jpeg"),
        image_upload("x.bmp", fmt="BMP"),
    ],
    ids=["svg", "html-renamed-jpg", "bmp"],
)
def test_non_images_and_unsupported_formats_are_refused(editor_client, upload):
    response = editor_client.post("/markdownx/upload/", {"image": upload})
    assert response.status_code == 400
    assert "JPEG" in response.json()["image"][0]
    assert not UploadedImage.objects.exists()


def test_gif_with_html_appended_is_refused_as_a_polyglot(editor_client):
    upload = image_upload("x.gif", fmt="GIF", extra=b"<html><script>alert(1)</script>")
    response = editor_client.post("/markdownx/upload/", {"image": upload})
    assert response.status_code == 400
    assert response.json()["image"] == ["Bilden innehåller också webbsideskod och avvisades."]


def test_content_that_does_not_match_the_name_is_refused(editor_client):
    response = editor_client.post("/markdownx/upload/", {"image": image_upload("x.png")})
    assert response.status_code == 400
    assert response.json()["image"] == ["Filens innehåll (JPEG) stämmer inte med filnamnet."]


def test_too_large_upload_is_refused(editor_client, settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 1000
    response = editor_client.post("/markdownx/upload/", {"image": image_upload()})
    assert response.status_code == 400
    assert "för stor" in response.json()["image"][0]


@pytest.mark.skipif(not BAD_IMAGES.exists(), reason="shared fixtures not present")
def test_payload_images_from_the_corpus_are_refused_or_cleaned(editor_client):
    for path in sorted(BAD_IMAGES.iterdir()):
        upload = SimpleUploadedFile(path.name, path.read_bytes())
        response = editor_client.post("/markdownx/upload/", {"image": upload})
        if response.status_code == 200:
            stored = UploadedImage.objects.latest("pk").file.read()
            assert b"<script" not in stored.lower() and b"onerror" not in stored.lower(), path
        else:
            assert response.status_code == 400, path


def test_the_image_change_form_cannot_replace_the_file_with_raw_bytes(editor_client,
                                                                        staff_client):
    upload = image_upload("foto.png", fmt="PNG")
    editor_client.post("/markdownx/upload/", {"image": upload},
                       headers={"x-requested-with": "XMLHttpRequest"})
    image = UploadedImage.objects.get()
    stored = image.file.read()
    payload = SimpleUploadedFile("foto.png", stored + b"<script>alert(1)</script>")
    staff_client.post(f"/admin/posts/uploadedimage/{image.pk}/change/", {"file": payload})
    image.refresh_from_db()
    assert image.file.read() == stored
