"""published() decides what is public: drafts and scheduled posts appear nowhere."""

from datetime import timedelta

import pytest
from django.utils import timezone

from posts.models import Post
from tests.factories import (
    CategoryFactory,
    DraftFactory,
    PageFactory,
    PostFactory,
    ScheduledFactory,
    StaffFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed_posts():
    category, tag = CategoryFactory(name="Skola"), TagFactory(name="budget")
    posts = {
        "public": PostFactory(title="Publikt skolinlägg"),
        "draft": DraftFactory(title="Hemligt utkast om skolan"),
        "scheduled": ScheduledFactory(title="Framtida skolinlägg"),
    }
    for post in posts.values():
        post.categories.add(category)
        post.tags.add(tag)
    return posts


def public_urls(post):
    day = timezone.localtime(post.published_at)
    return [
        "/", f"/{day:%Y}/", f"/{day:%Y}/{day:%m}/", f"/{day:%Y}/{day:%m}/{day:%d}/",
        "/category/skola/", "/tag/budget/", "/feed/", "/feed/atom/", "/category/skola/feed/",
        "/tag/budget/feed/atom/", "/sitemap.xml", "/?s=skolinlägg", "/?s=skolan",
    ]


def test_drafts_and_scheduled_posts_are_absent_from_every_public_list(client, mixed_posts):
    for hidden in ("draft", "scheduled"):
        for url in public_urls(mixed_posts["public"]):
            response = client.get(url)
            assert response.status_code in {200, 404}, url
            assert mixed_posts[hidden].title not in response.content.decode(), url
            assert mixed_posts[hidden].slug not in response.content.decode(), url
    assert mixed_posts["public"].title in client.get("/").content.decode()


def test_draft_and_scheduled_permalinks_are_404_for_visitors(client, mixed_posts):
    assert client.get(mixed_posts["draft"].get_absolute_url()).status_code == 404
    assert client.get(mixed_posts["scheduled"].get_absolute_url()).status_code == 404


def test_scheduled_post_appears_by_itself_when_its_time_comes(client):
    post = ScheduledFactory(published_at=timezone.now() + timedelta(seconds=1))
    assert post not in Post.objects.published()
    Post.objects.filter(pk=post.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    assert post in Post.objects.published()
    assert post.title in client.get("/").content.decode()


def test_staff_preview_of_draft_is_marked_noindex_and_uncached(staff_client, mixed_posts):
    response = staff_client.get(mixed_posts["draft"].get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Förhandsvisning: inlägget är ett utkast" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]


@pytest.mark.parametrize("kind", ["draft", "scheduled"])
def test_staff_without_permission_on_posts_cannot_preview(client, mixed_posts, kind):
    client.force_login(StaffFactory())
    assert client.get(mixed_posts[kind].get_absolute_url()).status_code == 404


def test_an_editor_previews_a_draft_page_and_post(client, editor, mixed_posts):
    client.force_login(editor)
    draft_page = PageFactory(status="draft")
    assert client.get(mixed_posts["draft"].get_absolute_url()).status_code == 200
    assert client.get(draft_page.get_absolute_url()).status_code == 200


def test_staff_preview_of_scheduled_post_says_when(staff_client, mixed_posts):
    html = staff_client.get(mixed_posts["scheduled"].get_absolute_url()).content.decode()
    assert "är schemalagt till" in html


def test_public_post_has_no_preview_marks(client, mixed_posts):
    response = client.get(mixed_posts["public"].get_absolute_url())
    assert "X-Robots-Tag" not in response
    assert "Förhandsvisning" not in response.content.decode()


def test_logged_in_non_staff_cannot_preview(client, visitor, mixed_posts):
    client.force_login(visitor)
    assert client.get(mixed_posts["draft"].get_absolute_url()).status_code == 404
