"""Every string of the naughty-strings and XSS corpora, through every way in.

No response may be a server error, nothing valid may be lost, and no page,
post or comment may contain anything executable (checked by parsing the HTML).
"""

import json
import re
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from comments import names
from comments.models import Comment
from posts.models import Post
from posts.rendering import render_markdown
from tests.factories import PostFactory
from tests.html_safety import dangers, page_dangers
from wordpress_import import generate

pytestmark = pytest.mark.django_db
CORPORA = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "bad-input"
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def corpus():
    strings = json.loads((CORPORA / "blns.json").read_text(encoding="utf-8"))
    for path in sorted(CORPORA.glob("*XSS*.txt")):
        strings += path.read_text(encoding="utf-8", errors="replace").splitlines()
    return list(dict.fromkeys(s for s in strings if s.strip()))


STRINGS = corpus() if CORPORA.exists() else []
pytestmark = [pytestmark, pytest.mark.skipif(not STRINGS, reason="shared corpora not present")]


def test_corpus_is_loaded():
    assert len(STRINGS) > 1000


@pytest.mark.slow
def test_every_string_through_the_comment_form(comment_data):
    post = PostFactory(title="Mål för attacker")
    accepted = 0
    submissions = [{"author_name": text[:100], "body": text[:5000]} for text in STRINGS]
    submissions += [{"author_url": text[:300], "body": f"Webbplats {n}"}
                    for n, text in enumerate(STRINGS)]
    for n, fields in enumerate(submissions):
        data = comment_data(post, author_email=f"lasare{n}@example.se", **fields)
        response = Client().post(f"/comments/post/{post.pk}/", data,
                                 headers={"origin": "http://testserver"},
                                 REMOTE_ADDR=f"198.18.{n // 250}.{n % 250}")
        assert response.status_code in {302, 400, 409}, (n, fields, response.status_code)
        if response.status_code == 302:
            accepted += 1
        else:
            assert page_dangers(response.content.decode()) == [], fields
    nameless = sum(not names.visible(text[:100]) for text in STRINGS)
    assert Comment.objects.count() == accepted > len(STRINGS) - nameless
    Comment.objects.update(status="approved")
    html = Client().get(post.get_absolute_url()).content.decode()
    assert page_dangers(html) == []
    feed = Client().get("/comments/feed/").content.decode()
    assert "<script" not in feed.lower().replace("&lt;script", "")


@pytest.mark.slow
def test_every_string_through_the_search_box():
    PostFactory(title="Något att hitta")
    for text in STRINGS:
        response = Client().get("/", {"s": text})
        assert response.status_code == 200, text
        assert page_dangers(response.content.decode()) == [], text


def test_every_string_as_markdown_body():
    for text in STRINGS:
        assert dangers(render_markdown(text)) == [], text
    post = Post.objects.create(title=STRINGS[0][:200], body="\n\n".join(STRINGS),
                               status="published")
    response = Client().get(post.get_absolute_url())
    assert response.status_code == 200
    assert page_dangers(response.content.decode()) == []


@pytest.mark.slow
def test_every_string_through_a_wordpress_import(tmp_path):
    items = []
    for n, text in enumerate(STRINGS, start=1):
        clean = XML_INVALID.sub("", text)
        title = clean[:150].replace("]]>", "]]]]><![CDATA[>")
        content = clean.replace("]]>", "]]]]><![CDATA[>")
        item = generate.item(n, "x", content, datetime(2020, 1, 1, tzinfo=UTC))
        items.append(item.replace("<title>x</title>", f"<title><![CDATA[{title}]]></title>"))
    path = tmp_path / "hostile.xml"
    path.write_text(generate.HEADER.format(v="1.2") + "".join(items) + "</channel></rss>",
                    encoding="utf-8")
    call_command("import_wordpress", str(path), "--no-fetch-media", stdout=StringIO(),
                 stderr=StringIO())
    assert Post.objects.count() == len(STRINGS)
    for post in Post.objects.all():
        assert dangers(post.body_html) == [], post.wordpress_id
    html = Client().get("/").content.decode()
    assert page_dangers(html) == []
