"""The one sanitizer: what may and may not reach a page."""

import pytest

from core.sanitizer import clean_comment, clean_html, safe_url, strip_tags
from posts.rendering import render_markdown
from tests.html_safety import dangers


@pytest.mark.parametrize(
    "markdown",
    [
        "[klicka](javascript:alert(1))",
        "[klicka](JaVaScRiPt:alert(1))",
        "[klicka](  javascript:alert(1))",
        '<img src="x" onerror="alert(1)">',
        "<script>alert(1)</script>",
        "![bild](data:image/svg+xml;base64,PHN2Zz4=)",
        "[d](data:text/html;base64,PHNjcmlwdD4=)",
        '<a href="vbscript:msgbox(1)">x</a>',
        '<p style="background:url(javascript:alert(1))">x</p>',
        '<iframe src="https://evil.example"></iframe>',
        '<svg onload="alert(1)"><circle/></svg>',
        '<details open ontoggle="alert(1)">x</details>',
        '<a href="&#106;avascript:alert(1)">x</a>',
        '<form action="https://evil.example"><button>x</button></form>',
    ],
)
def test_markdown_never_yields_executable_html(markdown):
    assert dangers(render_markdown(markdown)) == []


def test_allowed_markup_survives():
    html = render_markdown(
        "## Rubrik\n\n**fet** _kursiv_ [länk](https://huddinge.se)\n\n"
        "> citat\n\n- ett\n- två\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\nkod\n```"
    )
    for fragment in ["<h2>Rubrik</h2>", "<strong>fet</strong>", "<em>kursiv</em>",
                     "<blockquote>", "<li>ett</li>", "<table>", "<pre><code>kod"]:
        assert fragment in html


def test_external_links_get_noopener_but_own_links_do_not(settings):
    settings.SITE_URL = "https://huddingebloggen.se"
    html = clean_html('<a href="https://svd.se/x">a</a> <a href="https://huddingebloggen.se/y">b</a>')
    assert '<a href="https://svd.se/x" rel="noopener">a</a>' in html
    assert '<a href="https://huddingebloggen.se/y">b</a>' in html


def test_comment_keeps_simple_formatting_and_shows_other_markup_as_typed():
    html = clean_comment('<b>hej</b> & "du" <img src=x onerror=alert(1)>\nrad två\n\n'
                         '<a href="https://example.com/sida" onclick="x()">sidan</a>')
    assert '<b>hej</b> &amp; "du" &lt;img src=x onerror=alert(1)&gt;<br>rad två' in html
    assert '<a href="https://example.com/sida" rel="nofollow ugc noopener">sidan</a>' in html
    assert "onclick" not in html


def test_comment_text_is_escaped_with_breaks_and_nofollow_links():
    html = clean_comment('<span>hej</span> & "du"\nrad två\n\nhttps://example.com/sida')
    assert "&lt;span&gt;hej&lt;/span&gt; &amp; \"du\"<br>rad två" in html
    assert '<a href="https://example.com/sida" rel="nofollow ugc noopener">' in html
    assert html.count("<p>") == 2


def test_comment_never_links_javascript():
    assert "<a" not in clean_comment("javascript:alert(1)")


def test_strip_tags_and_safe_url():
    assert strip_tags("<p>a &amp; <b>b</b></p>\n<p>c</p>") == "a & b c"
    assert safe_url("javascript:alert(1)") == ""
    assert safe_url(" https://example.se/ ") == "https://example.se/"


@pytest.mark.parametrize("href", ["http://[x](", "https://[::1"])
def test_addresses_no_parser_can_read_are_dropped_not_an_error(href):
    comment = clean_comment(f'<a href="{href}">länk</a> https://example.se')
    assert "länk" in comment and href not in comment
    assert '<a href="https://example.se"' in comment
    post = clean_html(f'<p><a href="{href}">länk</a></p>')
    assert "länk" in post
    assert safe_url(href) == ""
