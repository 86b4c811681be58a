"""What a visitor sees on the public pages."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from posts.models import PressLink
from tests.factories import CategoryFactory, EmbedFactory, PostFactory, PressLinkFactory, TagFactory

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def test_home_lists_newest_first_and_paginates(client, settings):
    for day in range(1, 13):
        when = datetime(2024, 9, day, 12, tzinfo=STOCKHOLM)
        PostFactory(title=f"Dag {day:02d}", published_at=when)
    html = client.get("/").content.decode()
    assert html.index("Dag 12") < html.index("Dag 11")
    assert "Dag 02" not in html and "Äldre inlägg" in html
    page_two = client.get("/page/2/").content.decode()
    assert "Dag 02" in page_two and "Dag 01" in page_two and "Dag 12" not in page_two
    assert "Dag 01" in client.get("/?page=2").content.decode()


def test_date_is_shown_the_swedish_way_with_the_year(client):
    post = PostFactory(published_at=datetime(2023, 5, 4, 10, 0, 0, 123456, tzinfo=STOCKHOLM))
    for url in ("/", post.get_absolute_url(), "/2023/05/", "/?s=Inlägg"):
        html = client.get(url).content.decode()
        assert ">torsdag 4 maj 2023</time>" in html, url
        assert 'datetime="2023-05-04T10:00:00+0200"' in html, url


def test_archive_pages_are_titled_by_their_period(client):
    PostFactory(published_at=datetime(2026, 11, 3, 10, tzinfo=STOCKHOLM))
    html = client.get("/2026/11/").content.decode()
    assert "<title>November 2026 \N{EN DASH} Huddingebloggen</title>" in html
    assert '<h1 class="archive-title">November 2026</h1>' in html
    assert "<title>3 november 2026 \N{EN DASH} Huddingebloggen</title>" in (
        client.get("/2026/11/03/").content.decode())


def test_post_page_shows_body_taxonomy_and_og_meta(client):
    post = PostFactory(title="Nya cykelvägar", body="Om **cykel**.", excerpt="Kort om cyklar.")
    post.categories.add(CategoryFactory(name="Trafik"))
    post.tags.add(TagFactory(name="cykel"))
    html = client.get(post.get_absolute_url()).content.decode()
    assert "<h1>Nya cykelvägar</h1>" in html
    assert "<strong>cykel</strong>" in html
    assert 'href="/category/trafik/"' in html and 'href="/tag/cykel/"' in html
    assert '<meta property="og:title" content="Nya cykelvägar">' in html
    assert '<meta property="og:description" content="Kort om cyklar.">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<html lang="sv">' in html and 'class="skip-link"' in html


def test_press_links_are_grouped_on_the_post_page(client):
    post = PostFactory()
    PressLinkFactory(post=post, outlet="SvD Brännpunkt", title="Min debattartikel")
    PressLinkFactory(post=post, outlet="Radio Stockholm", title="Intervjun",
                     kind=PressLink.Kind.RADIO)
    PressLinkFactory(post=post, outlet="Kommunen", title="Beslutet", kind=PressLink.Kind.READ_ALSO)
    html = client.get(post.get_absolute_url()).content.decode()
    in_media, read_also = html.index("<h2>I media</h2>"), html.index("<h2>Läs även</h2>")
    assert in_media < html.index("Min debattartikel") < read_also
    assert in_media < html.index("Intervjun") < read_also < html.index("Beslutet")
    assert "SvD Brännpunkt, debattartikel" in html


def test_press_page_lists_appearances_of_public_posts_newest_first(client):
    old = PressLinkFactory(title="Gammal artikel", date=datetime(2023, 1, 1).date())
    new = PressLinkFactory(title="Ny artikel", date=datetime(2024, 1, 1).date())
    hidden = PressLinkFactory(title="Artikel om utkast", post__status="draft")
    html = client.get("/press/").content.decode()
    assert html.index(new.title) < html.index(old.title)
    assert hidden.title not in html


def test_embed_is_a_facade_that_loads_nothing_from_the_provider(client):
    embed = EmbedFactory()
    html = client.get(embed.post.get_absolute_url()).content.decode()
    assert ('Spela upp från YouTube<span class="visually-hidden">: Debatten i fullmäktige'
            "</span>") in html
    assert "youtube-nocookie.com/embed/dQw4w9WgXcQ" in html
    assert "<iframe" not in html
    assert ' src="http' not in html and "ytimg" not in html


def test_embed_from_unknown_provider_is_a_plain_link(client):
    embed = EmbedFactory(url="https://video.okand.se/klipp/1", caption="Klippet")
    html = client.get(embed.post.get_absolute_url()).content.decode()
    assert '<a href="https://video.okand.se/klipp/1" rel="noopener">Klippet</a>' in html
    assert 'class="embed-facade' not in html


@pytest.mark.parametrize(
    ("url", "player"),
    [
        ("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
        ("https://www.svtplay.se/video/jXvZ2Ab/agenda", "https://www.svtplay.se/video/jXvZ2Ab"),
        ("https://sverigesradio.se/avsnitt/1234", "https://sverigesradio.se/embed?url="),
        ("https://www.tv4play.se/video/abc123", "https://www.tv4play.se/iframe/video/abc123"),
    ],
)
def test_allowlisted_providers(url, player):
    from posts.embeds import match

    assert match(url).player_url.startswith(player)


def test_uploaded_audio_plays_in_an_audio_element(client):
    from django.core.files.base import ContentFile

    embed = EmbedFactory(url="", caption="Radioinslag")
    embed.file.save("inslag.mp3", ContentFile(b"ID3"), save=True)
    html = client.get(embed.post.get_absolute_url()).content.decode()
    assert '<audio controls preload="none" src="/media/media/inslag' in html


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def test_sitemap_lists_posts_with_lastmod(client):
    post = PostFactory()
    xml = client.get("/sitemap.xml").content.decode()
    assert f"http://testserver{post.get_absolute_url()}" in xml
    assert "<lastmod>" in xml


def test_the_404_pages_two_search_forms_have_distinct_names(client):
    html = client.get("/finns-inte/").content.decode()
    names = re.findall(r'<form[^>]*role="search"[^>]*aria-label="([^"]+)"', html)
    assert len(names) == 2 and len(set(names)) == 2
    assert html.count('role="search"') == 2


def test_404_page_is_swedish(client):
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    assert "Sidan hittades inte" in response.content.decode()


def test_category_and_tag_pages_only_list_their_posts(client):
    school = CategoryFactory(name="Skola")
    in_school, elsewhere = PostFactory(title="Om skolan"), PostFactory(title="Om vägar")
    in_school.categories.add(school)
    html = client.get("/category/skola/").content.decode()
    assert "Om skolan" in html and "Om vägar" not in html
    assert client.get("/category/okand/").status_code == 404
    tag = TagFactory(name="vägar")
    elsewhere.tags.add(tag)
    html = client.get(f"/tag/{tag.slug}/").content.decode()
    assert "Om vägar" in html and "Om skolan" not in html
