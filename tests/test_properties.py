"""Property-based tests: the sanitizer and the comment rules hold for any input."""

import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from comments.models import Comment, ModerationSettings
from comments.moderation import MIN_SECONDS, count_links, decide
from core.sanitizer import COMMENT_TAGS, clean_comment, clean_html
from posts.rendering import render_markdown
from tests.html_safety import dangers

FRAGMENTS = st.sampled_from([
    "<script>", "</script>", "<img src=x onerror=alert(1)>", "javascript:", "data:",
    "<a href=\"", "\">", "<svg onload=alert(1)>", "<iframe src=//evil>", "<style>", "&#x6a;",
    "<p", " onclick=", "'", '"', ">", "<", "[x](", ")", "![i](", "\n\n", "`", "<!--", "-->",
    "<math>", "<form action=x>", "vbscript:", "&lt;", "<b>", "</b>", "http://", "www.",
])
HOSTILE_TEXT = st.lists(st.one_of(FRAGMENTS, st.text(max_size=8)), max_size=25).map("".join)
SLOW = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


@SLOW
@given(HOSTILE_TEXT)
def test_sanitized_rich_html_is_never_executable(markup):
    assert dangers(clean_html(markup)) == []


@SLOW
@given(HOSTILE_TEXT)
def test_rendered_markdown_is_never_executable(source):
    assert dangers(render_markdown(source)) == []


@SLOW
@given(HOSTILE_TEXT)
def test_comment_html_has_only_paragraphs_breaks_links_and_simple_formatting(text):
    html = clean_comment(text)
    assert dangers(html) == []
    tags = {tag.lower() for tag in re.findall(r"<\s*/?\s*([a-zA-Z0-9]+)", html)}
    assert tags <= {"p", "br", *COMMENT_TAGS}


def _comment(body="Hej", name="Karin", email="karin@example.se", url=""):
    return Comment(author_name=name, author_email=email, author_url=url, body=body,
                   ip_address="192.0.2.1")


@pytest.mark.django_db
@SLOW
@given(body=st.text(max_size=200), honeypot=st.text(min_size=1, max_size=20),
       age=st.floats(min_value=0, max_value=1e6))
def test_a_filled_honeypot_is_always_spam(body, honeypot, age):
    decision = decide(_comment(body=body), ModerationSettings(), honeypot=honeypot, age=age)
    assert decision.status == Comment.Status.SPAM


@pytest.mark.django_db
@SLOW
@given(body=st.text(max_size=200), age=st.floats(min_value=0, max_value=MIN_SECONDS - 0.01))
def test_a_form_sent_back_too_fast_is_always_spam(body, age):
    assert decide(_comment(body=body), ModerationSettings(), age=age).status == "spam"


@pytest.mark.django_db
@SLOW
@given(body=st.text(max_size=300), age=st.floats(min_value=MIN_SECONDS, max_value=1e6),
       hold_all=st.booleans(), link_limit=st.integers(min_value=0, max_value=5))
def test_nothing_is_approved_while_every_comment_is_held(body, age, hold_all, link_limit):
    rules = ModerationSettings(hold_all=hold_all, link_limit=link_limit)
    decision = decide(_comment(body=body), rules, age=age)
    assert decision.reason
    if hold_all:
        assert decision.status == Comment.Status.PENDING
    if link_limit and count_links(body) >= link_limit:
        assert decision.status == Comment.Status.PENDING


@pytest.mark.django_db
@SLOW
@given(word=st.text(alphabet=st.characters(categories=["L", "N"]), min_size=3, max_size=12),
       before=st.text(max_size=30), after=st.text(max_size=30))
def test_a_disallowed_word_anywhere_makes_spam_whatever_its_case(word, before, after):
    assume(word.upper().casefold() == word.casefold())
    rules = ModerationSettings(hold_all=False, disallowed_words=word.lower())
    decision = decide(_comment(body=before + word.upper() + after), rules, age=60)
    assert decision.status == Comment.Status.SPAM
