"""One way to embed: a clip's address alone on a line (as the toolbar writes it) becomes a
titled player with a still kept here, fetched once by the worker; feeds carry every clip
as a link with its title."""

import pytest
from django.core.management import call_command
from django.test import Client

from posts import posters
from posts.clips import Clip
from tests.factories import EmbedFactory, PostFactory

pytestmark = pytest.mark.django_db(transaction=True)
pytest_plugins = ["tests.clip_provider"]
CLIP = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def work():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def saved_with_clip(body):
    return PostFactory(body=body)


def test_a_clip_line_gets_its_title_and_still_from_the_worker(provider):
    post = saved_with_clip(f"Se debatten:\n\n{CLIP}\n")
    page = Client().get(post.get_absolute_url()).content.decode()
    assert 'data-embed-title="YouTube"' in page and provider == []
    work()
    clip = Clip.objects.get()
    assert clip.title == "Debatten i fullmäktige <live>" and clip.poster.name.startswith("posters/")
    assert provider == ["/oembed", "/still.jpg"]
    page = Client().get(post.get_absolute_url()).content.decode()
    assert f'<img class="embed-poster" src="{clip.poster.url}"' in page
    assert "<figcaption>Debatten i fullmäktige &lt;live&gt;</figcaption>" in page
    assert "ytimg" not in page and "127.0.0.1" not in page
    saved_with_clip(f"Igen:\n\n{CLIP}\n")
    work()
    assert provider == ["/oembed", "/still.jpg"], "asked once per address, never by readers"


def test_the_writer_can_title_a_clip_as_a_link_on_its_own_line(
        provider):
    post = saved_with_clip(f"[Mitt anförande]({CLIP})\n")
    work()
    page = Client().get(post.get_absolute_url()).content.decode()
    assert "<figcaption>Mitt anförande</figcaption>" in page and 'class="embed-poster"' in page


def test_a_provider_out_of_reach_leaves_a_player_without_a_still(monkeypatch):
    monkeypatch.setitem(posters.OEMBED, "YouTube", "http://127.0.0.1:9/oembed")
    monkeypatch.setattr(posters, "poster_url",
                        lambda url, answer=None: "http://127.0.0.1:9/still.jpg")
    post = saved_with_clip(f"{CLIP}\n")
    work()
    assert Clip.objects.get().poster.name == ""
    page = Client().get(post.get_absolute_url()).content.decode()
    assert 'data-embed-title="YouTube"' in page and 'class="embed-poster"' not in page


def test_feeds_carry_every_clip_as_a_link_with_its_title():
    post = PostFactory(body=f"Text.\n\n[Mitt anförande]({CLIP})\n")
    EmbedFactory(post=post, url="https://vimeo.com/76979871", caption="Intervjun")
    feed = Client().get("/feed/").content.decode()
    assert f'&lt;a href="{CLIP}"&gt;Mitt anförande&lt;/a&gt;' in feed
    assert '&lt;a href="https://vimeo.com/76979871"&gt;Intervjun&lt;/a&gt;' in feed
    assert "embed-facade" not in feed
