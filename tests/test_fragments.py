"""A page rendered again renders only the pieces that changed (post cards, comments, the
reply form, the sidebar's widgets, the links to the neighbouring posts) and never shows an
old one."""

import re
import time
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.signals import template_rendered
from django.utils import timezone

from posts.models import Category, Post
from tests.factories import CategoryFactory, CommentFactory, PostFactory, ScheduledFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _rendered_uncached(settings):
    settings.PAGE_CACHE_ENABLED = False


def renders_of(name):
    """A function getting a page that says how many times it rendered the template
    ``name`` (rather than took it from the cache), and the page."""
    counted = []

    def count(sender, template, **kwargs):
        if template.name == name:
            counted[-1] += 1

    def get(client, path):
        counted.append(0)
        response = client.get(path)
        assert response.status_code == 200
        return counted[-1], response.content.decode()

    template_rendered.connect(count)
    return get, lambda: template_rendered.disconnect(count)


@pytest.fixture
def cards_rendered():
    get, stop = renders_of("posts/_post_card.html")
    yield get
    stop()


@pytest.fixture
def comments_rendered():
    get, stop = renders_of("comments/_comment.html")
    yield get
    stop()


@pytest.fixture
def navigation_rendered():
    get, stop = renders_of("posts/_navigation.html")
    yield get
    stop()


@pytest.fixture
def widgets_rendered():
    get, stop = renders_of("_list_widgets.html")
    yield get
    stop()


def test_only_the_card_of_a_changed_post_is_rendered_again(client, cards_rendered):
    posts = PostFactory.create_batch(3)
    assert cards_rendered(client, "/")[0] == 3
    assert cards_rendered(client, "/")[0] == 0
    posts[1].title = "Ny rubrik om busslinjerna"
    posts[1].save()
    rendered, page = cards_rendered(client, "/")
    assert rendered == 1
    assert "Ny rubrik om busslinjerna" in page


def test_a_card_follows_its_values_even_when_nothing_invalidated_it(client, cards_rendered):
    category = CategoryFactory(name="Skola")
    PostFactory().categories.add(category)
    assert ">Skola</a>" in cards_rendered(client, "/")[1]
    Category.objects.filter(pk=category.pk).update(name="Förskola")
    Post.objects.update(comment_count=4)
    page = cards_rendered(client, "/")[1]
    card = page[page.index('<article class="post-card'):page.index("</article>")]
    assert ">Förskola</a>" in card and ">Skola</a>" not in card
    assert "4 svar" in card


def test_the_widgets_are_rendered_once_for_every_listing_until_a_change(client,
                                                                      widgets_rendered):
    category = CategoryFactory(name="Trafik")
    post = PostFactory()
    post.categories.add(category)
    assert widgets_rendered(client, "/")[0] == 1
    assert widgets_rendered(client, "/category/trafik/")[0] == 0
    CommentFactory(post=post, author_name="Karin", status="approved")
    rendered, page = widgets_rendered(client, "/category/trafik/")
    assert rendered == 1 and "Karin" in page


def test_the_widgets_count_a_scheduled_post_once_its_time_comes(client, widgets_rendered):
    category = CategoryFactory(name="Trafik")
    PostFactory(published_at=timezone.now() - timedelta(hours=1)).categories.add(category)
    ScheduledFactory(published_at=timezone.now() + timedelta(minutes=5)).categories.add(category)
    assert "Trafik</a> <span class=\"count\">(1)</span>" in widgets_rendered(client, "/")[1]
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        page = widgets_rendered(client, "/")[1]
    assert "Trafik</a> <span class=\"count\">(2)</span>" in page


def test_the_widgets_are_rendered_while_the_cache_cannot_be_trusted(client, widgets_rendered,
                                                                    monkeypatch):
    from core import page_cache

    PostFactory()
    assert widgets_rendered(client, "/")[0] == 1
    monkeypatch.setattr(page_cache.outage, "until", time.monotonic() + 60)
    assert widgets_rendered(client, "/")[0] == 1


def test_only_a_new_or_changed_comment_is_rendered_again(client, comments_rendered):
    post = PostFactory()
    second = CommentFactory.create_batch(2, post=post, status="approved")[1]
    url = post.get_absolute_url()
    assert comments_rendered(client, url)[0] == 2
    assert comments_rendered(client, url)[0] == 0
    CommentFactory(post=post, status="approved", body="En ny röst")
    second.body = "Rättat"
    second.save()
    rendered, page = comments_rendered(client, url)
    assert rendered == 2
    assert "En ny röst" in page and "Rättat" in page


def test_a_reply_renders_itself_and_the_comment_that_now_nests_it(client, comments_rendered):
    post = PostFactory()
    first, _second = CommentFactory.create_batch(2, post=post, status="approved")
    url = post.get_absolute_url()
    comments_rendered(client, url)
    CommentFactory(post=post, parent=first, status="approved", body="Ett svar")
    rendered, page = comments_rendered(client, url)
    assert rendered == 2
    nested = page[page.index(f'id="comment-{first.pk}"'):page.index("Ett svar")]
    assert '<ol class="children">' in nested


def test_a_visitors_own_pending_comment_is_theirs_alone(client, comments_rendered,
                                                       post_comment):
    post = PostFactory()
    CommentFactory(post=post, status="approved")
    comments_rendered(client, post.get_absolute_url())
    assert post_comment(post, body="Min väntande kommentar").status_code == 302
    mine = comments_rendered(client, post.get_absolute_url())[1]
    others = comments_rendered(Client(), post.get_absolute_url())[1]
    assert "Min väntande kommentar" in mine and "väntar på granskning" in mine
    assert "Min väntande kommentar" not in others


def test_the_kept_reply_form_is_dated_afresh_on_every_page(client):
    from comments.forms import CommentForm

    post = PostFactory()
    client.get(post.get_absolute_url())
    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        html = client.get(post.get_absolute_url()).content.decode()
        token = re.search(r'name="timestamp" value="([^"]+)"', html).group(1)
        form = CommentForm(data={"timestamp": token})
        form.is_valid()
        assert form.form_age(post) < 2


def test_the_links_to_the_neighbours_are_rendered_once_until_the_lists_change(
        client, navigation_rendered):
    older = PostFactory(title="Förra veckan", published_at=timezone.now() - timedelta(days=7))
    post = PostFactory(published_at=timezone.now() - timedelta(days=1))
    assert navigation_rendered(client, post.get_absolute_url())[0] == 1
    assert navigation_rendered(client, post.get_absolute_url())[0] == 0
    older.title = "Förra veckans möte"
    older.save()
    rendered, page = navigation_rendered(client, post.get_absolute_url())
    assert rendered == 1 and "Förra veckans möte" in page


def test_cards_are_rendered_when_the_cache_fails(client, cards_rendered, monkeypatch):
    from core import page_cache

    PostFactory.create_batch(2)

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    cache = page_cache.get_cache()
    monkeypatch.setattr(cache, "get_many", broken)
    monkeypatch.setattr(cache, "set_many", broken)
    assert cards_rendered(client, "/")[0] == 2


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query planner")
def test_the_front_page_reads_its_newest_posts_from_an_index_without_sorting_them():
    PostFactory.create_batch(3)
    query = Post.objects.published().for_listing().front_page_order()[:10].query
    sql, params = query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(row[-1] for row in cursor.fetchall())
    assert "posts_front_page_idx" in plan and "TEMP B-TREE" not in plan
