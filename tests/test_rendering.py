"""Markdown rendered once on save, embeds in the body, images with sizes."""

import re
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from posts import images
from posts.rendering import render_markdown, summarize
from tests.factories import PostFactory, image_upload

pytestmark = pytest.mark.django_db


def test_body_is_rendered_on_save_and_stored():
    post = PostFactory(body="# Rubrik\n\nText med [länk](https://svt.se).")
    assert '<a href="https://svt.se" rel="noopener">länk</a>' in post.body_html
    post.body = "Nytt"
    post.save()
    post.refresh_from_db()
    assert post.body_html == "<p>Nytt</p>"


def test_swedish_quotes_are_not_made_smart():
    assert render_markdown('Hon sa "hej" och \'hå\'') == "<p>Hon sa \"hej\" och 'hå'</p>"


def test_excerpt_is_written_or_derived_from_body():
    assert PostFactory(excerpt="Eget utdrag").summary == "Eget utdrag"
    long_body = " ".join(f"ord{n}" for n in range(80))
    derived = PostFactory(body=long_body, excerpt="").summary
    assert derived.startswith("ord0 ord1") and derived.endswith("…")
    assert len(derived.split()) == 56


def test_bare_allowlisted_url_on_its_own_line_becomes_a_facade():
    html = render_markdown("Se klippet:\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n\nSlut.")
    assert 'data-embed-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"' in html
    assert "<iframe" not in html


def test_url_inside_a_sentence_or_code_block_is_left_alone():
    html = render_markdown(
        "Titta på https://www.youtube.com/watch?v=dQw4w9WgXcQ här.\n\n"
        "```\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n```"
    )
    assert 'class="embed-facade' not in html


def test_unknown_provider_url_alone_on_a_line_stays_a_link():
    html = render_markdown("https://okand-tjanst.se/video")
    assert 'class="embed-facade' not in html and "<iframe" not in html
    assert 'href="https://okand-tjanst.se/video"' in html


def test_summary_leaves_out_players():
    html = render_markdown("Text.\n\nhttps://vimeo.com/123456")
    assert summarize(html) == "Text."


def test_summary_leaves_out_headings_tables_and_code():
    html = render_markdown(
        "## Bakgrund\n\nText med [en länk](https://a.se).\n\n| Område | Mkr |\n|---|---|\n"
        "| Skola | 2 900 |\n\n```\nkod\n```\n\nSlut."
    )
    assert summarize(html) == "Text med en länk. Slut."


def test_summary_reads_a_list_as_a_sentence():
    html = render_markdown(
        "Det betyder:\n\n- kortare köer\n- [mindre](https://a.se) barngrupper\n\n"
        "1. Ett.\n2. Två!\n\nLäs mer."
    )
    assert summarize(html) == "Det betyder: kortare köer, mindre barngrupper. Ett. Två! Läs mer."


def test_uploaded_images_in_the_body_get_srcset_sizes_and_lazy_loading():
    clean = images.reencode(image_upload(size=(2000, 1000)))
    name = default_storage.save(f"uploads/{clean.name}", clean)
    images.make_renditions(name)
    html = render_markdown(f"![Kommunhuset]({default_storage.url(name)})")
    assert 'width="2000" height="1000"' in html
    assert 'loading="lazy"' in html
    assert f"{images.rendition_name(name, 480)} 480w" in html
    assert 'sizes="' in html and 'alt="Kommunhuset"' in html


def test_featured_image_gets_renditions_on_save():
    post = PostFactory(featured_image_alt="Kommunhuset")
    post.featured_image = images.reencode(image_upload(size=(1600, 900)))
    post.save()
    widths = [size.width for size in post.featured_renditions()]
    assert widths == [480, 640, 960, 1440, 1600]
    assert all(default_storage.exists(size.name) for size in post.featured_renditions())


def test_featured_image_is_shown_with_every_rendition_in_srcset(client):
    post = PostFactory(featured_image_alt="Kommunhuset")
    post.featured_image = images.reencode(image_upload(size=(1600, 900)))
    post.save()
    html = client.get(post.get_absolute_url()).content.decode()
    expected = ", ".join(f"{size.url} {size.width}w" for size in post.featured_renditions())
    assert f'srcset="{expected}"' in html
    assert f'sizes="{images.SIZES_ATTRIBUTE}"' in html and 'alt="Kommunhuset"' in html


def test_the_first_featured_image_on_a_page_loads_at_once_and_the_rest_lazily(client):
    for title in ("Äldre", "Nyare"):
        post = PostFactory(title=title, featured_image_alt=title)
        post.featured_image = images.reencode(image_upload(size=(1600, 900)))
        post.save()
    home = client.get("/").content.decode()
    images_on_home = re.findall(r'<img class="featured-image"[^>]*>', home)
    assert len(images_on_home) == 2
    assert 'fetchpriority="high"' in images_on_home[0] and 'loading="eager"' in images_on_home[0]
    assert 'loading="lazy"' in images_on_home[1] and "fetchpriority" not in images_on_home[1]
    page = client.get(post.get_absolute_url()).content.decode()
    assert re.search(r'<img class="featured-image"[^>]*fetchpriority="high"', page)


def test_the_first_image_loads_at_once_even_when_the_newest_post_has_none(client):
    with_image = PostFactory(title="Med bild", featured_image_alt="Bild",
                             published_at=timezone.now() - timedelta(days=1))
    with_image.featured_image = images.reencode(image_upload(size=(1600, 900)))
    with_image.save()
    PostFactory(title="Utan bild")
    first = re.findall(r'<img class="featured-image"[^>]*>', client.get("/").content.decode())
    assert len(first) == 1 and 'loading="eager"' in first[0]


def test_code_is_escaped_once():
    html = render_markdown("Use `a < b` and `x & y`\n\n    if a < b && c:\n        pass\n")
    assert "<code>a &lt; b</code>" in html and "<code>x &amp; y</code>" in html
    assert "if a &lt; b &amp;&amp; c:" in html and "&amp;lt;" not in html


def test_render_again_repairs_what_older_rules_stored(client):
    from io import StringIO

    from django.core.management import call_command

    from posts.models import Post

    post = PostFactory(body="Använd `a < b`.")
    Post.objects.filter(pk=post.pk).update(body_html="<p>Använd <code>a &amp;lt; b</code>.</p>")
    out = StringIO()
    call_command("render_again", stdout=out)
    assert "1 posts" in out.getvalue()
    assert "<code>a &lt; b</code>" in client.get(post.get_absolute_url()).content.decode()


def test_two_clips_side_by_side_say_which_is_which_and_captions_are_not_repeated(client):
    from tests.factories import EmbedFactory

    post = PostFactory(body="https://www.youtube.com/watch?v=dQw4w9WgXcQ\n\n"
                            "https://www.youtube.com/watch?v=aqz-KE-bpKQ")
    EmbedFactory(post=post, caption="Debatten i fullmäktige")
    html = client.get(post.get_absolute_url()).content.decode()
    assert "youtube.com/watch?v=dQw4w9WgXcQ</p>" in html
    assert "youtube.com/watch?v=aqz-KE-bpKQ</p>" in html
    visible = re.sub(r'<span class="visually-hidden">.*?</span>', "", html)
    assert visible.count("Debatten i fullmäktige") == 2


@pytest.mark.parametrize("text", ["Vi ska m.in bygga om.", "Filen 3.MD och LibStorage.pm.",
                                  "Se kap. 4.SE i planen."])
def test_text_that_only_looks_like_a_domain_stays_text(text):
    assert "<a " not in render_markdown(text)


def test_addresses_with_a_scheme_or_www_become_links():
    html = render_markdown("Läs www.huddinge.se och https://www.svd.se/debatt i dag.")
    assert 'href="http://www.huddinge.se"' in html
    assert 'href="https://www.svd.se/debatt"' in html


def test_a_comment_links_only_what_has_a_scheme_or_www():
    from core.sanitizer import clean_comment

    html = clean_comment("Bland annat m.in, se www.huddinge.se")
    assert html.count("<a ") == 1 and 'href="http://www.huddinge.se"' in html
