"""export_wordpress writes WXR that imports back into an empty site unchanged."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from comments.models import Comment
from core.sanitizer import strip_tags
from pages.models import Page
from posts.models import Category, Post, Tag
from tests.wxr_files import FIXTURES, needs_fixtures, run

pytestmark = pytest.mark.django_db


def snapshot():
    """What a reader and the old addresses depend on, independent of database ids."""
    def text(html):
        return " ".join(strip_tags(re.sub(r"<[^>]+>", " ", html)).split())

    posts = {p.slug: (p.title, p.status, p.published_at, p.get_absolute_url(), text(p.body_html),
                      p.comments_open, p.sticky,
                      sorted(c.slug for c in p.categories.all()),
                      sorted(t.slug for t in p.tags.all()))
             for p in Post.objects.all()}
    pages = {p.slug: (p.title, p.status, p.menu_order, text(p.body_html), p.comments_open)
             for p in Page.objects.all()}
    comments = sorted(
        (type(c.target).__name__, c.target.slug, c.author_name, c.author_email, c.author_url,
         c.body, c.status, c.kind, c.submitted_at, c.parent.body if c.parent else None)
        for c in Comment.objects.select_related("post", "page", "parent"))
    terms = (sorted((c.slug, c.name, c.parent.slug if c.parent else None)
                    for c in Category.objects.select_related("parent")),
             sorted((t.slug, t.name) for t in Tag.objects.all()))
    return posts, pages, comments, terms


def empty_the_site():
    Comment.objects.all().delete()
    Post.objects.all().delete()
    Page.objects.all().delete()
    Category.objects.all().delete()
    Tag.objects.all().delete()


@needs_fixtures
@pytest.mark.slow
def test_the_theme_unit_test_data_survives_an_export_and_an_import(tmp_path):
    run(FIXTURES / "theme-unit-test-data.xml")
    before = snapshot()
    assert len(before[0]) > 20 and len(before[2]) > 10
    target = tmp_path / "export.xml"
    call_command("export_wordpress", str(target), stdout=StringIO())
    empty_the_site()
    run(target)
    after = snapshot()
    for name, was, now in zip(("posts", "pages", "comments", "terms"), before, after,
                              strict=True):
        assert was == now, name


def test_the_export_reads_comments_with_their_posts_not_once_per_post(
        tmp_path, django_assert_max_num_queries):
    from tests.factories import CommentFactory, PostFactory

    for post in PostFactory.create_batch(30):
        CommentFactory.create_batch(2, post=post)
    with django_assert_max_num_queries(12):
        call_command("export_wordpress", str(tmp_path / "export.xml"), stdout=StringIO())
    assert (tmp_path / "export.xml").read_text(encoding="utf-8").count("<wp:comment>") == 60


@needs_fixtures
@pytest.mark.slow
def test_every_body_renders_the_same_after_an_export_and_an_import(tmp_path):
    """Clips stay players (not the facade's text), line breaks in lists and code stay
    single: the export carries each body's own text, and the import takes it."""
    run(FIXTURES / "theme-unit-test-data.xml")
    before = {p.slug: p.body_html for p in Post.objects.all()}
    before.update({f"page:{p.slug}": p.body_html for p in Page.objects.all()})
    target = tmp_path / "export.xml"
    call_command("export_wordpress", str(target), stdout=StringIO())
    empty_the_site()
    run(target)
    after = {p.slug: p.body_html for p in Post.objects.all()}
    after.update({f"page:{p.slug}": p.body_html for p in Page.objects.all()})
    assert after.keys() == before.keys()
    changed = [slug for slug in before if before[slug] != after[slug]]
    assert changed == []
