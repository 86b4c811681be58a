"""Cards that travel: every post has its own share picture, made here with Pillow and
made again when what it shows changes."""

import io

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django_tasks.backends.database.models import DBTaskResult
from PIL import Image

from core.models import SiteIdentity
from posts import tasks
from posts.models import Post
from tests.factories import PostFactory, image_upload

pytestmark = pytest.mark.django_db


def card(post):
    with default_storage.open(Post.objects.get(pk=post.pk).share_image) as handle:
        return Image.open(io.BytesIO(handle.read())).convert("RGB")


def test_a_post_page_names_its_own_card_for_links_shared_anywhere():
    post = PostFactory(title="Budgeten för nästa år")
    html = Client().get(post.get_absolute_url()).content.decode()
    post.refresh_from_db()
    assert post.share_image.startswith(f"share/{post.pk}-")
    address = f"http://testserver/media/{post.share_image}"
    assert f'<meta property="og:image" content="{address}">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    image = card(post)
    assert image.size == (1200, 630)
    assert image.getpixel((600, 5)) == (11, 83, 148)


def test_a_new_title_makes_a_new_card_and_removes_the_old_one():
    post = PostFactory(title="Första rubriken")
    first = Post.objects.get(pk=post.pk).share_image
    post.body = "Ny text, samma rubrik."
    post.save()
    assert Post.objects.get(pk=post.pk).share_image == first
    post.title = "Andra rubriken"
    post.save()
    second = Post.objects.get(pk=post.pk).share_image
    assert second != first
    assert default_storage.exists(second) and not default_storage.exists(first)


def test_the_featured_image_is_on_the_card():
    post = PostFactory(title="Med bild", featured_image_alt="En röd yta")
    post.featured_image.save("rod.jpg", image_upload("rod.jpg", color="#cc0000"), save=True)
    red, green, blue = card(post).getpixel((1100, 300))
    assert red > 180 and green < 60 and blue < 60


def test_a_changed_identity_remakes_every_card_in_the_background(
        django_capture_on_commit_callbacks):
    post = PostFactory(title="Ett inlägg")
    before = Post.objects.get(pk=post.pk).share_image
    with django_capture_on_commit_callbacks(execute=True):
        SiteIdentity.objects.create(site_name="Annas blogg", person_name="Anna Andersson",
                                    accent="#7a1f5c")
    assert DBTaskResult.objects.filter(task_path="posts.tasks.refresh_share_images").exists()
    tasks.refresh_share_images.call()
    after = Post.objects.get(pk=post.pk).share_image
    assert after != before
    assert card(post).getpixel((600, 5)) == (122, 31, 92)
