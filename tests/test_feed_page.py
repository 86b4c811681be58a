"""A feed opened in a browser reads as a page on how to subscribe (XSLT from this site),
while feed readers get the same feed as before."""

import pytest
from django.test import Client
from lxml import etree

from tests.factories import PostFactory

pytestmark = pytest.mark.django_db


def transformed(feed_url):
    client = Client()
    feed = client.get(feed_url)
    assert feed["Content-Type"] == "application/xml; charset=utf-8"
    assert b'<?xml-stylesheet href="/feed.xsl" media="screen" type="text/xsl"?>' in feed.content
    sheet = client.get("/feed.xsl")
    assert sheet["Content-Type"] == "text/xsl; charset=utf-8"
    transform = etree.XSLT(etree.fromstring(sheet.content))
    return str(transform(etree.fromstring(feed.content)))


@pytest.mark.parametrize("feed_url", ["/feed/", "/feed/atom/"])
def test_the_feed_reads_as_a_swedish_page_with_the_posts_and_how_to_subscribe(feed_url):
    post = PostFactory(title="Budgeten för 2027")
    page = transformed(feed_url)
    assert "Det här är ett flöde" in page
    assert "Kopiera den här sidans adress till läsaren" in page
    assert f'<a href="http://testserver{post.get_absolute_url()}">Budgeten för 2027</a>' in page
    assert f"http://testserver{feed_url}" in page
    assert 'href="/follow/' in page or "Följ via e-post" in page


def test_a_hostile_title_stays_text_on_the_feed_page():
    PostFactory(title="<script>alert(1)</script>")
    page = transformed("/feed/")
    assert "<script" not in page
    assert ">alert(1)</a>" in page
