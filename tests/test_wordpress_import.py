"""Importing a WordPress export: real fixtures, edge cases, idempotency and atomicity."""

from datetime import UTC, datetime

import pytest
from django.core.management import CommandError

from comments.models import Comment
from posts.models import Category, Post, Redirect, Tag
from tests.factories import PostFactory, UserFactory, image_upload
from tests.html_safety import dangers
from tests.wxr_files import FIXTURES, needs_fixtures, run, write
from wordpress_import import generate

pytestmark = pytest.mark.django_db


def db_state():
    return (Post.objects.count(), Comment.objects.count(), Category.objects.count(),
            Tag.objects.count(), Redirect.objects.count())


@needs_fixtures
def test_valid_wxr_1_1_posts_comments_terms_and_page(client):
    report = run(FIXTURES / "valid-wxr-1.1.xml")
    assert "posts: 1 created" in report and "pages: 1 created" in report
    post = Post.objects.get()
    assert (post.title, post.slug, post.wordpress_id) == ("Hello world!", "hello-world", 1)
    assert post.published_at == datetime(2010, 10, 16, 20, 53, 18, tzinfo=UTC)
    assert post.is_public and post.comments_open
    assert list(post.categories.values_list("slug", flat=True)) == ["alpha"]
    assert list(post.tags.values_list("name", flat=True)) == ["Clippable"]
    comment = post.comments.get()
    assert comment.status == "approved" and comment.author_name == "Mr WordPress"
    assert "view the post's comments" in comment.body
    response = client.get("/?p=1")
    assert response.status_code == 301 and response["Location"] == post.get_absolute_url()
    assert client.get(post.get_absolute_url()).status_code == 200


@needs_fixtures
def test_theme_unit_test_data_imports_safely_with_threads_and_captions():
    report = run(FIXTURES / "theme-unit-test-data.xml")
    assert "posts:" in report and "nav_menu_item" in report
    assert Post.objects.count() > 30
    assert Comment.objects.filter(parent__isnull=False).exists()
    deepest = max(Comment.objects.values_list("depth", flat=True))
    assert deepest >= 3
    for post in Post.objects.all():
        assert dangers(post.body_html) == [], post.title
    captioned = Post.objects.filter(body_html__contains="<figcaption>")
    assert captioned.exists()
    assert not Post.objects.filter(body__contains="[caption").exists()


@needs_fixtures
def test_wpautop_paragraphs_and_line_breaks():
    run(FIXTURES / "post-content-blank-lines.xml")
    html = Post.objects.get().body_html
    assert "<p>This is an example of a WordPress post.<br>" in html
    assert "<p>And more lines with text.</p>" in html


@needs_fixtures
def test_slashes_and_utf8_survive(tmp_path):
    run(FIXTURES / "slashes.xml")
    assert "Slashes aren\\'t \\\"cool\\\"" in Post.objects.get().body
    run(FIXTURES / "wxr-utf-8-challenges.xml")
    assert Post.objects.filter(title__contains="🌲").exists()


@needs_fixtures
def test_malformed_file_fails_cleanly_and_changes_nothing():
    PostFactory(title="Finns sedan förut")
    before = db_state()
    with pytest.raises(CommandError, match=r"not well-formed XML: no element found \(line 14"):
        run(FIXTURES / "malformed-simple.xml")
    assert db_state() == before


def test_billion_laughs_is_refused(tmp_path):
    path = tmp_path / "laughs.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n'
        "<rss><channel><title>&lol2;</title></channel></rss>"
    )
    with pytest.raises(CommandError, match="DTD or entities"):
        run(path)


def test_empty_export_imports_nothing(tmp_path):
    report = run(write(tmp_path, ""))
    assert "Import finished." in report and db_state() == (0, 0, 1, 0, 0)


def test_wxr_1_0_is_read(tmp_path):
    path = write(tmp_path, generate.item(7, "Gammalt", "Text", datetime(2009, 1, 1, tzinfo=UTC)),
                 version="1.0")
    run(path)
    assert Post.objects.get().title == "Gammalt"


def test_non_wordpress_rss_is_refused(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text("<rss><channel><title>Ett flöde</title></channel></rss>")
    with pytest.raises(CommandError, match="not a WordPress export"):
        run(path)


def test_running_twice_updates_and_never_duplicates(tmp_path):
    path = generate.write(tmp_path / "g.xml", posts=3, comments_per_post=3)
    first = run(path)
    assert "posts: 3 created" in first and "comments: 9 created" in first
    second = run(path)
    assert "posts: 3 unchanged" in second and "comments: 9 unchanged" in second
    assert db_state() == (3, 9, 1, 0, 3)
    text = path.read_text().replace("Inlägg 2 handlar", "Inlägg 2 ändrat handlar")
    path.write_text(text)
    assert "posts: 1 updated, 2 unchanged" in run(path)
    assert "ändrat" in Post.objects.get(wordpress_id=2).body_html


def test_threading_and_statuses_of_comments(tmp_path):
    comments = "".join(
        generate.COMMENT.format(id=i, ip=i, parent=parent, date="2020-01-01 10:00:00")
        .replace("<wp:comment_approved>1", f"<wp:comment_approved>{status}")
        .replace("<wp:comment_type>comment", f"<wp:comment_type>{kind}")
        for i, parent, status, kind in [
            (3, 2, "1", "comment"), (1, 0, "1", "comment"), (2, 1, "0", "comment"),
            (4, 0, "spam", "comment"), (5, 0, "trash", ""), (6, 0, "1", "pingback"),
        ]
    )
    run(write(tmp_path, generate.item(1, "T", "x", datetime(2020, 1, 1, tzinfo=UTC),
                                      comments=comments)))
    by_name = {c.author_name: c for c in Comment.objects.all()}
    assert by_name["Läsare 3"].parent == by_name["Läsare 2"]
    assert by_name["Läsare 2"].parent == by_name["Läsare 1"] and by_name["Läsare 3"].depth == 3
    assert [by_name[f"Läsare {i}"].status for i in (1, 2, 4, 5)] == [
        "approved", "pending", "spam", "trash"]
    assert by_name["Läsare 6"].kind == "pingback"
    assert Comment.objects.approved().count() == 2


def test_statuses_and_time_zone_fallback(tmp_path):
    draft = generate.item(2, "Utkast", "x", datetime(2020, 1, 1, tzinfo=UTC), status="draft")
    draft = draft.replace("_gmt>2020-01-01 00:00:00", "_gmt>0000-00-00 00:00:00")
    draft = draft.replace("<wp:post_date>2020-01-01 00:00:00", "<wp:post_date>2020-06-01 00:30:00")
    future = generate.item(3, "Framtid", "x", datetime(2099, 1, 1, tzinfo=UTC), status="future")
    trash = generate.item(4, "Slängd", "x", datetime(2020, 1, 1, tzinfo=UTC), status="trash")
    run(write(tmp_path, draft + future + trash))
    imported = Post.objects.get(title="Utkast")
    assert imported.status == "draft"
    assert imported.get_absolute_url().startswith("/2020/06/01/")
    assert Post.objects.get(title="Framtid").is_scheduled
    assert not Post.objects.filter(title="Slängd").exists()


def test_a_failing_item_rolls_back_everything_and_names_the_item(tmp_path):
    good = generate.item(1, "Bra", "x", datetime(2020, 1, 1, tzinfo=UTC))
    bad = generate.item(2, "Trasig", "x", datetime(2020, 1, 1, tzinfo=UTC)).replace(
        "<wp:post_date_gmt>2020-01-01 00:00:00", "<wp:post_date_gmt>igår")
    before = db_state()
    with pytest.raises(CommandError, match=r"“Trasig” \(WordPress ID 2\): unreadable date"):
        run(write(tmp_path, good + bad))
    assert db_state() == before


def test_dry_run_writes_nothing_and_reports_the_same(tmp_path):
    path = generate.write(tmp_path / "g.xml", posts=2, comments_per_post=2)
    report = run(path, "--dry-run")
    assert "Dry run, nothing was written." in report and "posts: 2 created" in report
    assert db_state() == (0, 0, 0, 0, 0)


def test_shortcodes_become_figures_players_and_embedded_media(tmp_path):
    content = (
        "Intro\n\n[caption id=\"a\" align=\"alignleft\" width=\"300\"]"
        "<img src=\"https://ext.se/bild.jpg\" alt=\"Bild\" /> Bildtext[/caption]\n\n"
        "[embed]https://www.youtube.com/watch?v=dQw4w9WgXcQ[/embed]\n\n"
        "https://vimeo.com/76979871\n\n[audio mp3=\"https://ext.se/ljud.mp3\"][/audio]\n\n"
        "[contact-form id=\"1\"]\n\n<script>alert(1)</script><p onclick=\"x()\">Slut</p>"
    )
    run(write(tmp_path, generate.item(1, "Kort", content, datetime(2020, 1, 1, tzinfo=UTC))))
    post = Post.objects.get()
    assert '<figure class="alignleft"><a href="https://ext.se/bild.jpg"' in post.body_html
    assert "<figcaption>Bildtext</figcaption>" in post.body_html
    assert post.body_html.count("embed-facade") == 2
    assert "Här fanns ”contact-form” på den gamla webbplatsen" in post.body_html
    assert "alert" not in post.body_html and "onclick" not in post.body_html
    assert post.embeds.get().url == "https://ext.se/ljud.mp3"


def test_media_dir_copies_images_rewrites_urls_and_sets_featured_image(tmp_path):
    uploads = tmp_path / "uploads" / "2019" / "05"
    uploads.mkdir(parents=True)
    (uploads / "foto.jpg").write_bytes(image_upload(size=(1000, 500)).read())
    url = "https://gammal.example.se/wp-content/uploads/2019/05/foto.jpg"
    attachment = (
        f"<item><title>Fotot</title><wp:post_id>99</wp:post_id>"
        f"<wp:post_type>attachment</wp:post_type><wp:attachment_url>{url}</wp:attachment_url>"
        "<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key>"
        "<wp:meta_value>Kommunhuset</wp:meta_value></wp:postmeta></item>"
    )
    post_item = generate.item(
        1, "Med bild", f'<img src="{url}" alt="x" />', datetime(2020, 1, 1, tzinfo=UTC),
        extra="<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key>"
              "<wp:meta_value>99</wp:meta_value></wp:postmeta>",
    )
    path = write(tmp_path, post_item + attachment)
    without = run(path, "--dry-run")
    assert "2019/05/foto.jpg: not copied (no --media-dir or --fetch-media)" in without
    report = run(path, "--media-dir", str(tmp_path / "uploads"))
    assert "attachments: 1 copied" in report
    post = Post.objects.get()
    assert "/media/wordpress/2019/05/foto.jpg" in post.body_html and url not in post.body_html
    assert 'srcset="' in post.body_html
    assert post.featured_image.name == "wordpress/2019/05/foto.jpg"
    assert post.featured_image_alt == "Kommunhuset"
    assert "attachments: 1 copied" not in run(path, "--media-dir", str(tmp_path / "uploads"))


def test_old_permalinks_redirect_to_the_new_address(client, tmp_path):
    item = generate.item(5, "Flyttat", "x", datetime(2020, 1, 1, 12, tzinfo=UTC)).replace(
        "<link>https://gammal.example.se/?p=5</link>",
        "<link>https://gammal.example.se/arkiv/flyttat.html</link>")
    run(write(tmp_path, item))
    post = Post.objects.get()
    response = client.get("/arkiv/flyttat.html")
    assert response.status_code == 301 and response["Location"] == post.get_absolute_url()
    assert client.get("/?page_id=5")["Location"] == post.get_absolute_url()
    assert client.get("/?p=404").status_code == 200


def test_author_option_credits_every_post(tmp_path):
    user = UserFactory(username="anna")
    run(generate.write(tmp_path / "g.xml", posts=2), "--author", "anna")
    assert set(Post.objects.values_list("author", flat=True)) == {user.pk}
    with pytest.raises(CommandError, match="No user named"):
        run(tmp_path / "g.xml", "--author", "finns-inte")


@pytest.mark.slow
def test_a_5000_post_export_imports(tmp_path):
    path = generate.write(tmp_path / "big.xml", posts=5000)
    assert "posts: 5000 created" in run(path)
    assert Post.objects.published().count() == 5000
