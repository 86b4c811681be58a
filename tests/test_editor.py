"""The markdownx editor's preview and upload endpoints: staff only, images verified."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from posts.models import UploadedImage
from tests.factories import image_upload

pytestmark = pytest.mark.django_db
BAD_IMAGES = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "bad-input" / "images"


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


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


def test_editor_upload_is_reencoded_and_returns_markdown(editor_client):
    response = editor_client.post(
        "/markdownx/upload/", {"image": image_upload("foto.jpg", extra=b"<script>x</script>")},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    image = UploadedImage.objects.get()
    assert response.json()["image_code"] == f"![](/media/{image.file.name})"
    assert (image.width, image.height) == (1200, 800)
    assert b"<script>" not in image.file.read()


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
