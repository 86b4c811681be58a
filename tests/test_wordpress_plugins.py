"""The shortcodes and blocks of a Swedish blog's usual plugins (forms, newsletters, social
feeds, page builders, Jetpack) are converted or reported, never left raw or lost silently."""

import pytest

from posts.models import Post
from tests.wxr_files import post, run, write

pytestmark = pytest.mark.django_db

NOTE = "Här fanns ”{}” på den gamla webbplatsen; det kunde inte flyttas hit."


@pytest.mark.parametrize("shortcode, name", [
    ('[contact-form-7 id="12" title="Kontakt"]', "contact-form-7"),
    ('[gravityform id="1" title="false" description="false"]', "gravityform"),
    ('[wpforms id="7"]', "wpforms"),
    ('[mc4wp_form id="99"]', "mc4wp_form"),
    ('[mailpoet_form id="1"]', "mailpoet_form"),
    ("[jetpack_subscription_form]", "jetpack_subscription_form"),
    ("[custom-facebook-feed]", "custom-facebook-feed"),
    ('[instagram-feed num=6 cols=3]', "instagram-feed"),
    ('[contact-form][contact-field label="Namn" type="name"/][/contact-form]', "contact-form"),
    ('[tribe_events view="list"]', "tribe_events"),
])
def test_a_plugin_shortcode_becomes_a_note_named_in_the_report(tmp_path, shortcode, name):
    report = run(write(tmp_path, post(1, "Med tillägg", f"Före.\n\n{shortcode}\n\nEfter.")))
    html = Post.objects.get().body_html
    assert NOTE.format(name) in html
    assert "[" not in html and "Före." in html and "Efter." in html
    assert f"the [{name}] shortcode has no equivalent here" in report


def test_page_builder_layout_goes_and_its_text_stays(tmp_path):
    markup = ('[vc_row][vc_column width="1/2"][vc_column_text]Vi bygger skolor.'
              '[/vc_column_text][/vc_column][/vc_row]\n'
              '[et_pb_section][et_pb_text]Och förskolor.[/et_pb_text][/et_pb_section]')
    report = run(write(tmp_path, post(1, "Byggare", markup)))
    html = Post.objects.get().body_html
    assert "Vi bygger skolor." in html and "Och förskolor." in html and "[" not in html
    assert "the layout shortcode [vc_row] was removed; its text was kept" in report
    assert "[et_pb_text]" in report


def test_dynamic_blocks_are_noted_not_lost(tmp_path):
    markup = ('<!-- wp:paragraph --><p>Prenumerera gärna.</p><!-- /wp:paragraph -->\n'
              "<!-- wp:jetpack/subscriptions /-->\n"
              '<!-- wp:contact-form-7/contact-form-selector {"id":12,"title":"Kontakt"} /-->\n'
              "<!-- wp:more --><!--more--><!-- /wp:more -->")
    report = run(write(tmp_path, post(1, "Block", markup)))
    html = Post.objects.get().body_html
    assert NOTE.format("jetpack/subscriptions") in html
    assert NOTE.format("contact-form-7/contact-form-selector") in html
    assert "the block jetpack/subscriptions has no equivalent here" in report
    assert "more" not in html


def test_brackets_in_text_and_in_code_stay_as_written(tmp_path):
    markup = ("Se [video of Hans Rosling at TED], [sic] och [redigerat].\n\n"
              '[sourcecode language="php"]echo do_shortcode(\'[gallery id="1"]\');'
              "[/sourcecode]\n\n<code>[contact-form-7 id=\"1\"]</code>")
    run(write(tmp_path, post(1, "Hakparenteser", markup)))
    html = Post.objects.get().body_html
    assert "[video of Hans Rosling at TED], [sic] och [redigerat]." in html
    assert "[gallery id=&quot;1&quot;]" in html or '[gallery id="1"]' in html
    assert '[contact-form-7 id="1"]' in html or "[contact-form-7 id=&quot;1&quot;]" in html


def test_a_clip_wrapped_in_a_plugin_shortcode_is_a_player(tmp_path):
    markup = "Se talet:\n\n[embedyt] https://www.youtube.com/watch?v=dQw4w9WgXcQ[/embedyt]\n\nSlut."
    run(write(tmp_path, post(1, "Tal", markup)))
    html = Post.objects.get().body_html
    assert 'class="embed-facade"' in html and "[embedyt]" not in html


def test_a_wordpress_com_embed_with_loose_attributes_is_noted(tmp_path):
    markup = ("[slideshare id=1870859&amp;style=border-width: 1px 1px 0; max-width: 427px;"
              "&amp;sc=no]")
    report = run(write(tmp_path, post(1, "Bilder", markup)))
    assert NOTE.format("slideshare") in Post.objects.get().body_html
    assert "the [slideshare] shortcode has no equivalent here" in report


def test_the_archives_shortcode_links_to_the_archive(tmp_path):
    report = run(write(tmp_path, post(1, "Arkiv", "[archives]")))
    assert '<a href="/archive/">Arkiv</a>' in Post.objects.get().body_html
    assert "the [archives] shortcode became a link to the archive" in report
