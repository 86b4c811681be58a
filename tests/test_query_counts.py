"""Pages cost a bounded number of queries whatever the amount of content.

Every page spends one query on the page cache's versions (``core.page_cache``, read once
for the page and its pieces), one on the menu of standing pages; listing pages three more on
the sidebar's widgets (categories, months, latest comments). The site identity and what
the front page is come from the cache, where the first page of a running site puts them.
"""

import pytest

from tests.factories import (
    CategoryFactory,
    CommentFactory,
    PageFactory,
    PostFactory,
    PressLinkFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _identity_cached():
    from core import identity
    from pages.models import FrontPage

    identity.current()
    FrontPage.ids()


def make_posts(count):
    PageFactory.create_batch(count // 3)
    category, tag = CategoryFactory(), TagFactory()
    posts = PostFactory.create_batch(count)
    for post in posts:
        post.categories.add(category)
        post.tags.add(tag)
        CommentFactory(post=post)
    return posts


@pytest.mark.parametrize("count", [3, 30])
def test_home_page_queries_do_not_grow_with_posts(client, count, django_assert_max_num_queries):
    make_posts(count)
    with django_assert_max_num_queries(9):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_archive_and_category_queries_are_bounded(client, count, django_assert_max_num_queries):
    posts = make_posts(count)
    category = posts[0].categories.get()
    with django_assert_max_num_queries(10):
        assert client.get(f"/category/{category.slug}/").status_code == 200
    year = posts[0].local_date.year
    with django_assert_max_num_queries(13):
        assert client.get(f"/{year}/").status_code == 200


def test_post_page_queries_are_bounded(client, django_assert_max_num_queries):
    post = make_posts(5)[0]
    PressLinkFactory.create_batch(5, post=post)
    with django_assert_max_num_queries(12):
        assert client.get(post.get_absolute_url()).status_code == 200


def test_a_post_page_rendered_again_reads_what_did_not_change_from_the_cache(
    client, settings, django_assert_max_num_queries
):
    """The post with its categories, tags, press links and clips, and its thread; the
    menu, the links to its neighbours and the discussion settings come from the cache."""
    settings.PAGE_CACHE_ENABLED = False
    post = make_posts(5)[0]
    PressLinkFactory.create_batch(5, post=post)
    client.get(post.get_absolute_url())
    with django_assert_max_num_queries(7):
        assert client.get(post.get_absolute_url()).status_code == 200


def test_post_with_300_threaded_comments_renders_in_constant_queries(
    client, django_assert_max_num_queries
):
    post = PostFactory()
    parents = CommentFactory.create_batch(100, post=post)
    children = [CommentFactory(post=post, parent=parent) for parent in parents]
    for child in children:
        CommentFactory(post=post, parent=child)
    with django_assert_max_num_queries(12):
        response = client.get(post.get_absolute_url())
    assert "300 svar på" in response.content.decode()


def test_page_with_300_threaded_comments_renders_in_constant_queries(
    client, django_assert_max_num_queries
):
    page = PageFactory(comments_open=True)
    parents = CommentFactory.create_batch(100, post=None, page=page)
    children = [CommentFactory(post=None, page=page, parent=parent) for parent in parents]
    for child in children:
        CommentFactory(post=None, page=page, parent=child)
    with django_assert_max_num_queries(6):
        response = client.get(page.get_absolute_url())
    assert "300 svar på" in response.content.decode()


def test_feed_queries_are_bounded(client, django_assert_max_num_queries):
    """The posts, then one query each for their categories, press links and clips."""
    make_posts(25)
    with django_assert_max_num_queries(6):
        assert client.get("/feed/").status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_standing_page_queries_do_not_grow_with_pages(client, count,
                                                       django_assert_max_num_queries):
    page = PageFactory.create_batch(count)[0]
    with django_assert_max_num_queries(4):
        assert client.get(page.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_index_pages_queries_do_not_grow(client, count, django_assert_max_num_queries):
    make_posts(count)
    for path in ("/archive/", "/categories/"):
        with django_assert_max_num_queries(4):
            assert client.get(path).status_code == 200
