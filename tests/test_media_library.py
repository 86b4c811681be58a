"""The media library as the writer uses it: a grid of thumbnails with alt text and where
each image is used, an upload on the same page (the same file stored once), and search."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from posts.models import UploadedImage
from tests.factories import PageFactory, PostFactory, image_upload

pytestmark = pytest.mark.django_db
LIBRARY = "/admin/posts/uploadedimage/"


def upload(client, *files, alt=""):
    return client.post(f"{LIBRARY}upload/", {"images": list(files), "alt": alt}, follow=True)


def test_an_upload_on_the_library_page_stores_each_file_once(editor_client):
    page = upload(editor_client, image_upload("torget.jpg"),
                  image_upload("park.png", fmt="PNG", color="#22aa44"), alt="Torget i maj")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Bilden torget.jpg finns nu i biblioteket." in html
    assert "Bilden park.png finns nu i biblioteket." in html
    assert UploadedImage.objects.count() == 2
    assert set(UploadedImage.objects.values_list("alt_text", flat=True)) == {"Torget i maj"}
    upload(editor_client, image_upload("torget-igen.jpg"))
    assert UploadedImage.objects.count() == 2, "the same file uploaded twice is stored once"


def test_a_file_that_is_no_image_is_named_and_nothing_is_stored(editor_client):
    fake = SimpleUploadedFile("program.jpg", b"MZ\x90\x00 not an image", "image/jpeg")
    html = upload(editor_client, fake).content.decode()
    assert "Bilden program.jpg laddades inte upp:" in html
    assert not UploadedImage.objects.exists()


def test_the_grid_shows_thumbnails_alt_text_and_where_each_image_is_used(editor_client):
    upload(editor_client, image_upload("a.jpg"), alt="Kommunhuset")
    upload(editor_client, image_upload("b.jpg", color="#aa0000"))
    upload(editor_client, image_upload("c.jpg", color="#00aa00"), alt="Oanvänd")
    used, featured, _unused = UploadedImage.objects.order_by("pk")
    post = PostFactory(title="Budgeten", body=f"![Kommunhuset](/media/{used.file.name})")
    PageFactory(title="Om mig", body=f"![x](/media/{used.file.name})")
    PostFactory(title="Parken", featured_image=featured.file.name, featured_image_alt="Park")
    html = editor_client.get(LIBRARY).content.decode()
    assert html.count('class="library-card"') == 3
    assert html.count('-480w.jpg" alt="" loading="lazy"') == 3
    card = html.split('class="library-card"')[3]
    assert "Kommunhuset" in card and f'<a href="{post.get_absolute_url()}">Budgeten</a>' in card
    assert ">Om mig</a>" in card
    assert "Ingen alt-text än" in html and "Lägg till alt-text" in html
    assert ">Parken</a>" in html.split('class="library-card"')[2]
    assert "Används inte än" in html.split('class="library-card"')[1]
    assert 'name="images" multiple' in html


def test_search_finds_images_by_alt_text(editor_client):
    upload(editor_client, image_upload("a.jpg"), alt="Kommunhuset")
    upload(editor_client, image_upload("b.jpg", color="#aa0000"), alt="Parken")
    html = editor_client.get(LIBRARY, {"q": "kommun"}).content.decode()
    assert html.count('class="library-card"') == 1 and "Kommunhuset" in html


def test_the_library_page_asks_the_database_a_fixed_number_of_times(
        editor_client, django_assert_max_num_queries):
    for number in range(12):
        upload(editor_client, image_upload(f"{number}.jpg", color=f"#{number:02x}3366"))
        PostFactory(body=f"![x](/media/{UploadedImage.objects.latest('pk').file.name})")
    with django_assert_max_num_queries(12):
        assert editor_client.get(LIBRARY).status_code == 200


def test_an_image_page_shows_the_image_and_where_it_is_used(editor_client):
    upload(editor_client, image_upload("a.jpg"), alt="Kommunhuset")
    image = UploadedImage.objects.get()
    PostFactory(title="Budgeten", body=f"![Kommunhuset](/media/{image.file.name})")
    html = editor_client.get(f"{LIBRARY}{image.pk}/change/").content.decode()
    assert 'class="library-preview"' in html and ">Budgeten</a>" in html
