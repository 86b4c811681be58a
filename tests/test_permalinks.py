"""Permalinks use the Stockholm date, so posts near midnight do not 404."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.factories import PostFactory

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.mark.parametrize(
    ("local_time", "expected_path"),
    [
        (datetime(2024, 3, 5, 0, 30, tzinfo=STOCKHOLM), "/2024/03/05/"),
        (datetime(2024, 3, 5, 23, 30, tzinfo=STOCKHOLM), "/2024/03/05/"),
        (datetime(2024, 7, 1, 0, 30, tzinfo=STOCKHOLM), "/2024/07/01/"),
        (datetime(2024, 12, 31, 23, 30, tzinfo=STOCKHOLM), "/2024/12/31/"),
    ],
)
def test_permalink_uses_local_date_and_resolves(client, local_time, expected_path):
    post = PostFactory(slug="midnatt", published_at=local_time)
    assert post.get_absolute_url() == f"{expected_path}midnatt/"
    response = client.get(post.get_absolute_url())
    assert response.status_code == 200
    assert post.title in response.content.decode()


def test_post_near_midnight_is_listed_in_its_local_day_and_month_archive(client):
    post = PostFactory(published_at=datetime(2024, 6, 30, 23, 30, tzinfo=STOCKHOLM))
    assert post.title in client.get("/2024/06/30/").content.decode()
    assert post.title in client.get("/2024/06/").content.decode()
    assert client.get("/2024/07/").status_code == 404


def test_wrong_date_in_url_redirects_to_the_canonical_permalink(client):
    post = PostFactory(slug="flyttad", published_at=datetime(2024, 5, 2, 12, tzinfo=STOCKHOLM))
    response = client.get("/2024/05/01/flyttad/")
    assert response.status_code == 301
    assert response["Location"] == "/2024/05/02/flyttad/"
    assert post.get_absolute_url() == "/2024/05/02/flyttad/"


def test_slug_is_made_from_a_swedish_title_and_kept_unique():
    first = PostFactory(title="Åtgärder för äldre i Österhaninge", slug="")
    second = PostFactory(title="Åtgärder för äldre i Österhaninge", slug="")
    assert first.slug == "atgarder-for-aldre-i-osterhaninge"
    assert second.slug == "atgarder-for-aldre-i-osterhaninge-2"
