"""A still for each embedded clip, fetched by the server when the editor saves and served
from our own storage, so readers see which clip is which and contact no provider."""

import json

import pytest
from django.test import Client
from PIL import Image

from posts import posters
from posts.models import Embed, Post

pytestmark = pytest.mark.django_db
pytest_plugins = ["tests.clip_provider"]
CLIP = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def clip_form(url, **extra):
    return {
        "title": "Med klipp", "slug": "", "body": "Text.", "excerpt": "", "status": "published",
        "published_at_0": "2024-05-01", "published_at_1": "10:00:00", "featured_image_alt": "",
        "press_links-TOTAL_FORMS": "0", "press_links-INITIAL_FORMS": "0",
        "embeds-TOTAL_FORMS": "1", "embeds-INITIAL_FORMS": "0",
        "embeds-0-url": url, "embeds-0-caption": "Debatten i fullmäktige", "embeds-0-order": "0",
        "_continue": "publish", **extra,
    }


def post_with_clip(client, url=CLIP):
    assert client.post("/admin/posts/post/add/", clip_form(url)).status_code == 302
    return Post.objects.get(title="Med klipp")


def test_saving_a_clip_fetches_its_still_once_and_the_page_serves_our_copy(client, editor,
                                                                          provider):
    client.force_login(editor)
    post = post_with_clip(client)
    embed = post.embeds.get()
    assert embed.poster.name.startswith("posters/") and provider == ["/still.jpg"]
    with embed.poster.open() as stored:
        assert Image.open(stored).size == (1280, 720)
    page = Client().get(post.get_absolute_url()).content.decode()
    assert f'<img class="embed-poster" src="{embed.poster.url}"' in page
    assert "ytimg" not in page and "127.0.0.1" not in page
    Client().get(post.get_absolute_url())
    assert provider == ["/still.jpg"], "readers never cause a fetch"


def test_a_clip_without_a_reachable_still_is_saved_without_one(client, editor):
    client.force_login(editor)
    post = post_with_clip(client)
    assert post.embeds.get().poster.name == ""
    assert 'class="embed-poster"' not in Client().get(post.get_absolute_url()).content.decode()


def test_where_each_provider_keeps_its_stills(monkeypatch):
    assert posters.poster_url(CLIP) == "https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg"
    assert posters.poster_url("https://sverigesradio.se/artikel/123") is None
    assert posters.poster_url("https://example.com/film") is None
    answers = iter([
        json.dumps({"thumbnail_url": "https://i.vimeocdn.com/video/1_1280.jpg"}).encode(),
        json.dumps({"thumbnail_url": "http://169.254.169.254/latest"}).encode(),
    ])
    monkeypatch.setattr(posters, "_get", lambda url: next(answers))
    assert posters.poster_url("https://vimeo.com/76979871") == \
        "https://i.vimeocdn.com/video/1_1280.jpg"
    assert posters.poster_url("https://vimeo.com/76979871") is None, "only Vimeo's own CDN"


def test_the_still_goes_when_the_clip_changes_to_one_without(client, editor, provider):
    client.force_login(editor)
    post = post_with_clip(client)
    embed = post.embeds.get()
    assert embed.poster
    response = client.post(f"/admin/posts/post/{post.pk}/change/", clip_form(
        "https://sverigesradio.se/artikel/1", **{
            "embeds-INITIAL_FORMS": "1", "embeds-0-id": str(embed.pk),
            "embeds-0-post": str(post.pk), "slug": post.slug}))
    assert response.status_code == 302
    assert Embed.objects.get(pk=embed.pk).poster.name == ""
