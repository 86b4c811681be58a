"""RSS and Atom feeds of posts, per category and tag, and of comments."""

import re

import pytest
from defusedxml import ElementTree as ET

from tests.factories import CategoryFactory, CommentFactory, PostFactory, TagFactory

pytestmark = pytest.mark.django_db


def test_rss_feed_has_published_posts_with_sanitized_html(client):
    post = PostFactory(title="Budget", body="Text <script>alert(1)</script>")
    response = client.get("/feed/")
    assert response["Content-Type"].startswith("application/xml")
    assert b"<rss" in response.content
    root = ET.fromstring(response.content)
    item = root.find("channel/item")
    assert item.findtext("title") == "Budget"
    assert item.findtext("link").endswith(post.get_absolute_url())
    assert "<script" not in item.findtext("description")


def test_atom_feed(client):
    PostFactory(title="Atominlägg")
    response = client.get("/feed/atom/")
    assert response["Content-Type"].startswith("application/xml")
    assert b'<feed xml:lang="sv" xmlns="http://www.w3.org/2005/Atom">' in response.content
    assert b"Atominl\xc3\xa4gg" in response.content


def test_category_feed_only_has_that_category(client):
    category = CategoryFactory(name="Miljö")
    inside = PostFactory(title="Sjöar")
    inside.categories.add(category)
    PostFactory(title="Vägar")
    content = client.get(f"/category/{category.slug}/feed/").content.decode()
    assert "Sjöar" in content and "Vägar" not in content


def test_comment_feeds_show_only_approved_comments_without_email(client):
    post = PostFactory(title="Debatt")
    CommentFactory(post=post, body="Godkänd åsikt", author_email="hemlig@example.se")
    CommentFactory(post=post, body="Väntande åsikt", status="pending")
    for url in ("/comments/feed/", f"/comments/feed/{post.pk}/"):
        content = client.get(url).content.decode()
        assert "Godkänd åsikt" in content
        assert "Väntande åsikt" not in content
        assert "hemlig@example.se" not in content


@pytest.mark.parametrize("name", ["<b>Anna</b> & Bo", "&lt;b&gt;Anna&lt;/b&gt; & Bo"])
def test_comment_feed_titles_and_authors_carry_no_markup_from_names(client, name):
    post = PostFactory(title="Skola & vård")
    CommentFactory(post=post, author_name=name)
    for url in ("/comments/feed/", f"/comments/feed/{post.pk}/"):
        xml = client.get(url).content.decode()
        assert "<title>Anna &amp; Bo om ”Skola &amp; vård”</title>" in xml
        assert ">Anna &amp; Bo</dc:creator>" in xml
        assert "&lt;" not in re.sub(r"<description>.*?</description>", "", xml)


@pytest.mark.parametrize("url", ["/feed/", "/feed/atom/", "/comments/feed/"])
def test_feeds_parse_cleanly_with_absolute_addresses_only(client, url):
    feedparser = pytest.importorskip("feedparser")
    from posts import images
    from tests.factories import PressLinkFactory, image_upload

    post = PostFactory(title="Med bild", featured_image_alt="Kommunhuset",
                       body="![Karta](/media/uploads/karta.png) [Läs mer](/om-mig/)")
    post.featured_image = images.reencode(image_upload())
    post.save()
    PressLinkFactory(post=post, title="Min debattartikel", url="https://www.svd.se/a")
    CommentFactory(post=post, body="Se https://www.svd.se/a och pressidan")
    parsed = feedparser.parse(client.get(url).content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    [entry] = parsed.entries
    html = entry.get("summary", "") + "".join(c.value for c in entry.get("content", []))
    addresses = re.findall(r'(?:href|src)="([^"]+)"', html)
    assert addresses and all(a.startswith(("http://testserver/", "https://")) for a in addresses)
    if url != "/comments/feed/":
        assert f"http://testserver{post.featured_image.url}" in html
        assert "Min debattartikel" in html


def test_every_feed_title_is_plain_text_whatever_the_names_carry(client):
    hostile = "<script>alert(1)</script>Skola\n<b>vård</b>"
    category = CategoryFactory(name=hostile)
    tag = TagFactory(name=hostile)
    post = PostFactory(title=hostile)
    post.categories.add(category)
    post.tags.add(tag)
    CommentFactory(post=post, author_name="Anna")
    for url in ("/feed/", "/feed/atom/", f"/category/{category.slug}/feed/",
                f"/tag/{tag.slug}/feed/atom/", "/comments/feed/", f"/comments/feed/{post.pk}/"):
        root = ET.fromstring(client.get(url).content)
        titles = [element.text for element in root.iter()
                  if element.tag.rsplit("}", 1)[-1] == "title"]
        assert len(titles) >= 2, url
        for title in titles:
            assert "<" not in title and ">" not in title and "\n" not in title, (url, title)
        assert any("alert(1)Skola vård" in title for title in titles), url
