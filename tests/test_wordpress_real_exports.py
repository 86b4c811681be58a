"""What real WordPress exports contain: players, shortcodes, odd encodings and old links."""

import re

import pytest
from django.core.management import CommandError

from comments.models import Comment
from posts.models import Post
from tests.wxr_files import post, run, write
from wordpress_import import generate

pytestmark = pytest.mark.django_db


def body_html(title):
    return Post.objects.get(title=title).body_html


def test_a_wordpress_com_export_with_undeclared_atom_prefix_imports(tmp_path):
    header = generate.HEADER.format(v="1.2").replace(
        "<channel>", '<channel>\n<atom:link rel="search" href="https://x.wordpress.com/osd.xml"/>')
    path = write(tmp_path, post(1, "Från WordPress.com", "Text"), header=header)
    run(path)
    assert Post.objects.filter(title="Från WordPress.com").exists()


def test_embedded_players_become_click_to_load_embeds_or_reported_links(tmp_path):
    content = ('<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>\n\n'
               '<iframe src="//player.vimeo.com/video/76979871"></iframe>\n\n'
               '<object data="https://okand.example/spelare/1"></object>\n\n'
               "[youtube https://www.youtube.com/watch?v=aqz-KE-bpKQ]")
    report = run(write(tmp_path, post(1, "Klipp", content)))
    html = body_html("Klipp")
    assert html.count('class="embed-facade"') == 3
    assert "youtube-nocookie.com/embed/dQw4w9WgXcQ" in html and "76979871" in html
    assert "aqz-KE-bpKQ" in html and "<iframe" not in html
    assert 'href="https://okand.example/spelare/1"' in html
    assert "https://okand.example/spelare/1) became a link" in report


def test_code_shortcodes_keep_language_and_whitespace_and_other_shortcodes_are_named(tmp_path):
    content = ('[sourcecode language="python"]\ndef f(a, b):\n    return a < b\n[/sourcecode]\n\n'
               "[contact-form]")
    report = run(write(tmp_path, post(1, "Kod", content)))
    html = body_html("Kod")
    assert '<pre><code class="language-python">def f(a, b):\n    return a &lt; b' in html
    assert "[contact-form]" not in html and "kunde inte flyttas hit" in html
    assert "the [contact-form] shortcode has no equivalent" in report


def test_old_links_with_percent_encoded_characters_redirect(client, tmp_path):
    item = post(1, "Tio grader", "Text").replace(
        "<link>https://gammal.example.se/?p=1</link>",
        "<link>https://gammal.example.se/2020/05/04/10-%c2%b0-dagarna-%e2%82%ac/</link>")
    run(write(tmp_path, item))
    response = client.get("/2020/05/04/10-%C2%B0-dagarna-%E2%82%AC/")
    assert response.status_code == 301
    assert response["Location"] == Post.objects.get().get_absolute_url()


def test_drafts_never_take_a_published_posts_address(tmp_path):
    draft = post(1, "Budgeten", "Utkast", status="draft").replace(
        "<wp:post_name>inlagg-1</wp:post_name>", "<wp:post_name></wp:post_name>")
    published = post(2, "Budgeten", "Publicerad").replace(
        "<wp:post_name>inlagg-2</wp:post_name>", "<wp:post_name>budgeten</wp:post_name>")
    run(write(tmp_path, draft + published))
    assert Post.objects.get(status="published").slug == "budgeten"
    assert Post.objects.get(status="draft").slug != "budgeten"


def test_password_protected_posts_are_never_made_public(tmp_path):
    item = post(1, "Bara för medlemmar", "Hemligt",
                extra="<wp:post_password>hemligt</wp:post_password>\n")
    report = run(write(tmp_path, item))
    assert Post.objects.get().status == "draft"
    assert "protected by a password" in report


def test_entities_in_titles_are_text_and_empty_paragraphs_are_gone(tmp_path):
    content = "Ett stycke.\n\n<!--more-->\n\n<p></p>\n\nAndra stycket.\n\n<pre>\nhttps://a.se/x\n</pre>"
    run(write(tmp_path, post(1, "Framework &amp; Katalysator", content)))
    imported = Post.objects.get()
    assert imported.title == "Framework & Katalysator"
    assert "<p></p>" not in imported.body_html and "wpurl" not in imported.body_html
    assert "https://a.se/x" in imported.body_html


@pytest.mark.parametrize(("declaration", "body", "message"), [
    ("x-nonsense", b"Text", "unknown character encoding “x-nonsense”"),
    ("UTF-8", "K\xe4rlek".encode("cp1252"), "not valid UTF-8 at line"),
])
def test_files_in_a_wrong_or_unknown_encoding_fail_with_a_reason(tmp_path, declaration, body,
                                                                  message):
    path = write(tmp_path, post(1, "Titel", "PLACEHOLDER"))
    raw = path.read_bytes().replace(b'encoding="UTF-8"', f'encoding="{declaration}"'.encode())
    path.write_bytes(raw.replace(b"PLACEHOLDER", body))
    with pytest.raises(CommandError, match=re.escape(message)):
        run(path)
    assert not Post.objects.exists()


def test_a_file_declared_latin_1_but_written_in_utf_8_is_read_as_utf_8(tmp_path):
    path = write(tmp_path, post(1, "Kärlek och åsikter", "Text"))
    path.write_bytes(path.read_bytes().replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"'))
    report = run(path)
    assert Post.objects.get().title == "Kärlek och åsikter"
    assert "declares ISO-8859-1 but is written in UTF-8" in report


def test_a_comment_that_is_its_own_parent_is_imported_once(tmp_path):
    comment = generate.COMMENT.format(id=7, ip=1, parent=7, date="2020-05-04 11:00:00")
    report = run(write(tmp_path, post(1, "Tråd", "Text", comments=comment)))
    assert Comment.objects.get().parent is None
    assert "its own ancestor" in report


def test_links_and_emphasis_in_imported_comments_survive(client, tmp_path):
    comment = generate.COMMENT.format(id=7, ip=1, parent=0, date="2020-05-04 11:00:00").replace(
        "Kommentar 7 med lite text.",
        'Se <a href="https://example.se/sida">min sida</a> &amp; <strong>fet</strong>'
        "<script>alert(1)</script><br />Ny rad")
    run(write(tmp_path, post(1, "Tråd", "Text", comments=comment)))
    imported = Comment.objects.get()
    assert imported.body == 'Se <a href="https://example.se/sida">min sida</a> & <strong>fet' \
        "</strong>\nNy rad"
    html = client.get(imported.post.get_absolute_url()).content.decode()
    assert '<a href="https://example.se/sida" rel="nofollow ugc noopener">min sida</a>' in html
    assert "alert(1)" not in html


def test_the_report_file_lists_per_item_what_was_converted_and_what_was_not(tmp_path):
    import json

    content = ('<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>\n\n'
               '[gallery ids="3,4"]')
    target = tmp_path / "rapport.json"
    run(write(tmp_path, post(1, "Blandat", content)), "--report", str(target))
    report = json.loads(target.read_text(encoding="utf-8"))
    [(label, notes)] = report["items"].items()
    assert "Blandat" in label and "WordPress ID 1" in label
    assert any("became a click-to-load player" in note for note in notes)
    assert any("gallery images 3, 4 are not in the export" in note for note in notes)
    assert report["counts"]["posts"] == {"created": 1}


def test_what_older_plugins_left_in_posts_converts_too(tmp_path):
    content = ("[bash]\nls -la | grep x\n[/bash]\n\n[gist id=\"abc123\"]\n\n"
               "[gist]u/def456[/gist]\n\n"
               '<a href="https://example.se/sida">\nhttps://example.se/sida\n</a>\n\n'
               '<embed src="http://vimeo.com/moogaloop.swf?clip_id=76979871&amp;server=x">\n\n'
               "[youtube https://www.youtube.com/watch?v=aqz-KE-bpKQ&amp;start=39]")
    run(write(tmp_path, post(1, "Äldre", content)))
    html = body_html("Äldre")
    assert '<pre><code class="language-bash">ls -la | grep x</code></pre>' in html
    assert 'href="https://gist.github.com/abc123"' in html
    assert 'href="https://gist.github.com/u/def456"' in html
    assert "wpurl" not in html and 'href="https://example.se/sida"' in html
    assert "player.vimeo.com/video/76979871" in html
    assert "aqz-KE-bpKQ" in html and "&amp;amp;" not in html


def attachment(wp_id, parent, relative, title, order=0):
    return f"""<item>
<title>{title}</title>
<wp:post_id>{wp_id}</wp:post_id>
<wp:post_parent>{parent}</wp:post_parent>
<wp:menu_order>{order}</wp:menu_order>
<wp:post_type>attachment</wp:post_type>
<wp:status>inherit</wp:status>
<wp:attachment_url>https://gammal.example.se/wp-content/uploads/{relative}</wp:attachment_url>
</item>
"""


def test_galleries_show_their_images_whether_named_or_attached(tmp_path):
    from tests.factories import image_upload

    uploads = tmp_path / "uploads" / "2020" / "05"
    uploads.mkdir(parents=True)
    for name in ("a.jpg", "b.jpg", "c.jpg"):
        (uploads / name).write_bytes(image_upload().read())
    page = post(3, "Galleri", '[gallery ids="13"]').replace(
        "<wp:post_type>post</wp:post_type>", "<wp:post_type>page</wp:post_type>")
    items = (post(1, "Namngivet", 'Bilder:\n\n[gallery ids="12,11,99"]')
             + post(2, "Bifogat", "[gallery]") + page
             + attachment(11, 1, "2020/05/a.jpg", "Bild A")
             + attachment(12, 1, "2020/05/b.jpg", "Bild B")
             + attachment(13, 2, "2020/05/c.jpg", "Bild C"))
    path = write(tmp_path, items)
    report = run(path, "--media-dir", str(tmp_path / "uploads"))
    named = body_html("Namngivet")
    assert "[gallery" not in named and named.count("<img") == 2
    assert named.index('alt="Bild B"') < named.index('alt="Bild A"')
    assert "/media/wordpress/2020/05/" in named and "gammal.example.se" not in named
    assert "gallery images 99 are not in the export" in report
    assert body_html("Bifogat").count('alt="Bild C"') == 1
    from pages.models import Page

    assert Page.objects.get(title="Galleri").body_html.count('alt="Bild C"') == 1
    again = run(path, "--media-dir", str(tmp_path / "uploads"))
    assert "posts: 2 unchanged" in again


def test_old_comment_links_land_on_the_right_comment(client, tmp_path):
    comments = "".join(
        generate.COMMENT.format(id=number, ip=1, parent=0, date="2020-05-04 11:00:00")
        for number in (2035, 2036))
    run(write(tmp_path, post(1, "Tråd", "Text", comments=comments)))
    html = client.get(Post.objects.get().get_absolute_url()).content.decode()
    for number in (2035, 2036):
        comment = Comment.objects.get(body=f"Kommentar {number} med lite text.")
        anchor = html.index(f'id="comment-{number}"')
        assert html.index(f'id="comment-{comment.pk}"') < anchor
        assert anchor < html.index(f"Kommentar {number} med lite text.")
    assert len(re.findall(r'id="comment-\d+"', html)) == len(set(re.findall(
        r'id="(comment-\d+)"', html)))
