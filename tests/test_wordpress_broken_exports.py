"""Exports WordPress reads though a strict XML parser refuses them: read as WordPress
reads them, with a warning naming each item the reading had to mend."""

import codecs

import pytest
from django.core.management.base import CommandError

from posts.models import Post
from tests.wxr_files import post, run, write
from wordpress_import import generate

pytestmark = pytest.mark.django_db

ADSENSE = ('Läs mer nedan.\n<script type="text/javascript"><!--\ngoogle_ad_client = "pub-1";\n'
           '//]]></script>\nSlut på reklamen.')


def test_a_stray_cdata_end_in_one_post_leaves_the_others_whole(tmp_path):
    path = write(tmp_path, post(1, "Före", "Första inlägget.") + post(2, "Med annons", ADSENSE)
                 + post(3, "Efter", "Tredje inlägget."))
    report = run(path)
    assert set(Post.objects.values_list("title", flat=True)) == {"Före", "Med annons", "Efter"}
    assert Post.objects.get(title="Efter").body == Post.objects.get(title="Före").body.replace(
        "Första", "Tredje")
    assert "“Med annons” (WordPress ID 2): the export was broken here" in report
    assert "“Före”" not in report and "“Efter”" not in report
    mended = Post.objects.get(title="Med annons")
    assert "Slut på reklamen." in mended.body and "<script" not in mended.body_html


@pytest.mark.parametrize("before", [b"\n\n", codecs.BOM_UTF8 + b"\n", b"  \r\n"])
def test_blank_lines_or_a_bom_before_the_declaration_are_forgiven(tmp_path, before):
    path = write(tmp_path, post(1, "Hej", "Text."))
    path.write_bytes(before + path.read_bytes())
    report = run(path)
    assert list(Post.objects.values_list("title", flat=True)) == ["Hej"]
    assert "Import finished." in report


def test_a_file_cut_short_is_refused_naming_the_last_item_read(tmp_path):
    path = write(tmp_path, post(1, "Hel", "Text."))
    text = path.read_text()
    path.write_text(text + generate.item(2, "Halv", "Text", generate.datetime(2020, 5, 4))[:60],
                    encoding="utf-8")
    path.write_text(path.read_text().replace("</channel>\n</rss>\n", ""), encoding="utf-8")
    with pytest.raises(CommandError, match=r"after item “Hel” \(WordPress ID 1\).*export it"):
        run(path)
    assert not Post.objects.exists()


def comment(cid, author, kind="comment"):
    return (generate.COMMENT.format(id=cid, ip=1, date="2020-05-04 11:00:00", parent=0)
            .replace(f"<![CDATA[Läsare {cid}]]>", f"<![CDATA[{author}]]>")
            .replace("<wp:comment_type>comment<", f"<wp:comment_type>{kind}<"))


def test_comment_authors_read_as_text_and_jetpack_likes_left_out(tmp_path):
    from comments.models import Comment

    comments = (comment(1, "Carlos Ferry&#8217;s blog &raquo;")
                + comment(2, "&lt;b&gt;Bo&lt;/b&gt;") + comment(3, "Gillare", kind="like"))
    report = run(write(tmp_path, post(1, "Med svar", "Text.", comments=comments)))
    names = sorted(Comment.objects.values_list("author_name", flat=True))
    assert names == ["Bo", "Carlos Ferry\u2019s blog »"]
    assert "Jetpack likes" in report


def test_text_in_brackets_that_starts_like_a_shortcode_stays(tmp_path):
    text = "Se [video of Hans Rosling at TED] och [audio-guide för Huddinge]."
    run(write(tmp_path, post(1, "Hakparenteser", text)))
    body = Post.objects.get().body
    assert "[video of Hans Rosling at TED]" in body and "[audio-guide för Huddinge]" in body


def test_wordpress_com_player_shortcodes_with_a_link_inside_become_players(tmp_path):
    text = '[youtube <a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">https://www.youtube.com/watch?v=dQw4w9WgXcQ</a>]'
    run(write(tmp_path, post(1, "Klipp", text)))
    body = Post.objects.get().body
    assert "<a href" not in body and "https://www.youtube.com/watch?v=dQw4w9WgXcQ" in body


def test_a_map_that_cannot_move_keeps_a_link_to_it(tmp_path):
    text = '[googlemaps https://maps.google.se/maps?q=Huddinge&amp;output=embed&amp;w=425]'
    report = run(write(tmp_path, post(1, "Karta", text)))
    body = Post.objects.get().body
    assert 'href="https://maps.google.se/maps?q=Huddinge&amp;output=embed&amp;w=425"' in body
    assert "[googlemaps]" in report


def test_caption_markup_becomes_a_figure_with_its_caption(tmp_path):
    markup = ('<div id="attachment_5" class="wp-caption aligncenter" style="width: 310px">'
              '<img src="https://ext.se/torg.jpg" alt="Torget" width="300" />'
              '<p class="wp-caption-text">Torget en vårdag</p></div>')
    run(write(tmp_path, post(1, "Bildtext", markup)))
    assert ('<figure class="aligncenter"><a href="https://ext.se/torg.jpg">Torget</a>'
            '<figcaption>Torget en vårdag</figcaption></figure>' in Post.objects.get().body)


def test_a_numbered_list_with_typed_numbers_is_numbered_once(tmp_path):
    run(write(tmp_path, post(1, "Lista", "<ol><li>1. Skolan</li><li>2. Vården</li></ol>")))
    html = Post.objects.get().body_html
    assert "<li>Skolan</li>" in html and "1." not in html


def test_a_tag_written_over_several_lines_stays_one_image(tmp_path):
    markup = ('Här är bilden:\n<a href="https://ext.se/bild.jpg"><img class="alignnone"\n'
              '    title="bild" src="https://ext.se/bild-300x200.jpg"\n'
              '    alt="Torget" width="300" height="200" /></a>\nOch text efter.')
    run(write(tmp_path, post(1, "Bild", markup)))
    html = Post.objects.get().body_html
    assert '<a href="https://ext.se/bild.jpg" rel="noopener">Torget</a>' in html
    assert "<pre" not in html and "&gt;" not in html and "title=" not in html


def test_paragraphs_with_nothing_to_read_are_dropped(tmp_path):
    markup = ("<p><strong>&nbsp;</strong></p>\n<p><span style=\"color:red\"> </span></p>\n"
              "Text.\n<p>&nbsp;</p>")
    run(write(tmp_path, post(1, "Tomt", markup)))
    assert Post.objects.get().body_html.strip() == "<p>Text.</p>"


def test_a_clip_in_a_column_is_a_player_and_the_columns_stay_columns(tmp_path):
    markup = ('<!-- wp:columns --><div class="wp-block-columns"><!-- wp:column -->\n'
              '<div class="wp-block-column"><!-- wp:embed {"url":"https://vimeo.com/76979871"}'
              ' -->\n<figure class="wp-block-embed is-provider-vimeo"><div class="wp-block-embed'
              '__wrapper">\nhttps://vimeo.com/76979871\n</div></figure>\n<!-- /wp:embed -->'
              '</div><!-- /wp:column -->\n\n<!-- wp:column --><div class="wp-block-column">'
              '<p>Andra kolumnen.</p></div><!-- /wp:column --></div><!-- /wp:columns -->')
    run(write(tmp_path, post(1, "Kolumner", markup)))
    html = Post.objects.get().body_html
    assert 'class="embed embed-video"' in html and "Spela upp från Vimeo" in html
    assert "embed" not in html.replace("embed-", "").replace("embed ", "").replace(
        "data-embed", "").replace('"embed"', "").replace("/embed", ""), html
    assert html.count('<div class="column">') == 2 and '<div class="columns">' in html


def test_videopress_and_unknown_players_become_links_named_in_the_report(tmp_path):
    markup = ('[wpvideo OcobLTqC w=640]\n\n'
              '<iframe src="https://player.example.net/v/77" width="640"></iframe>')
    report = run(write(tmp_path, post(1, "Video", markup)))
    html = Post.objects.get().body_html
    assert 'href="https://videopress.com/v/OcobLTqC"' in html and "[wpvideo" not in html
    assert 'href="https://player.example.net/v/77"' in html
    assert "VideoPress video OcobLTqC became a link" in report
    assert "player.example.net/v/77) became a link" in report


def test_an_image_from_another_site_is_a_link_named_by_its_alt_text_never_a_gap(tmp_path):
    markup = ('<img src="https://lh5.googleusercontent.com/abc" alt="Valaffisch" />\n\n'
              '<a href="https://ext.se/stor.jpg"><img src="https://ext.se/liten.jpg" /></a>')
    report = run(write(tmp_path, post(1, "Lånade bilder", markup)))
    html = Post.objects.get().body_html
    assert "<img" not in html
    assert '<a href="https://lh5.googleusercontent.com/abc" rel="noopener">Valaffisch</a>' in html
    assert '<a href="https://ext.se/stor.jpg" rel="noopener">Bild</a>' in html
    assert "googleusercontent.com/abc: an image from another site; shown as a link" in report


def test_a_block_editor_image_keeps_its_caption_as_a_figure(tmp_path):
    markup = ('<!-- wp:image {"id":5} --><figure class="wp-block-image size-large">'
              '<img src="/media/torg.jpg" alt="Torget" class="wp-image-5"/>'
              "<figcaption>Torget en vårdag</figcaption></figure><!-- /wp:image -->")
    run(write(tmp_path, post(1, "Block", markup)))
    assert ('<figure><img src="/media/torg.jpg" alt="Torget"'
            in Post.objects.get().body_html)
    assert "<figcaption>Torget en vårdag</figcaption></figure>" in Post.objects.get().body_html
