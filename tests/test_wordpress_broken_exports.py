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
