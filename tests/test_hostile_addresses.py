"""Addresses anyone can type get a 400 or 404, never a server error."""

import pytest
from django.test import Client

from tests.factories import PostFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", [
    "/nope%00/", "/category/%00/", "/media/x%00.jpg", "/?s=%00", "/?s=a&cat=%00",
    "/9999/12/31/", "/9999/12/", "/9999/", "/0000/01/",
])
def test_a_hostile_address_is_refused_cleanly(url):
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code in {400, 404}, (url, response.status_code)


@pytest.mark.parametrize("url", [
    "/?p=%C2%B2", "/?page_id=%C2%B2", "/?p=99999999999999999999999", "/?p=0",
])
def test_an_old_link_naming_no_post_shows_the_home_page(url):
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code == 200 and 'class="site-header' in response.content.decode()


def test_a_reply_link_with_a_non_ascii_digit_shows_the_post(client):
    post = PostFactory()
    response = client.get(f"{post.get_absolute_url()}?replytocom=%C2%B2")
    assert response.status_code == 200
    assert 'name="parent"' in response.content.decode()
