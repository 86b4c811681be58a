"""The theme in a browser: light and dark, phone to laptop, on paper.

Screenshots of every page type at 375, 768 and 1280 px, light and dark, go to
``test-artifacts/theme/`` to be looked at; axe finds nothing in dark mode either; the
header lines up with the text; a printed post keeps its text and the press links'
addresses and leaves the forms and menus off."""

import pytest

from tests.browser_fixtures import ARTIFACTS
from tests.test_browser_accessibility import accessibility_violations

pytestmark = pytest.mark.django_db(transaction=True)
SCREENSHOTS = ARTIFACTS / "theme"


def page_types(post):
    category = post.categories.first()
    return {"home": "/", "post": post.get_absolute_url(), "press": "/press/",
            "archive": category.get_absolute_url(), "search": "/?s=flemingsberg",
            "search-nothing": "/?s=xqzwv", "not-found": "/finns-inte/"}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 768, 1280])
def test_screenshots_of_every_page_type(open_context, seed_post, width, scheme):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = open_context(viewport={"width": width, "height": 900}, color_scheme=scheme).new_page()
    for name, url in page_types(seed_post).items():
        page.goto(url)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}-{scheme}.png"), full_page=True)
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, (name, overflow)


def test_dark_mode_is_dark_and_has_no_accessibility_violations(open_context, seed_post):
    page = open_context(viewport={"width": 1280, "height": 900}, color_scheme="dark").new_page()
    for url in page_types(seed_post).values():
        page.goto(url)
        background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
        assert background == "rgb(20, 22, 26)", url
        assert accessibility_violations(page) == [], url


def test_the_header_lines_up_with_the_text_on_a_laptop(open_context, seed_post):
    page = open_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto("/")
    left = page.evaluate("""() => [
        document.querySelector('.site-title').getBoundingClientRect().left,
        document.querySelector('main').getBoundingClientRect().left,
        document.querySelector('.footer-grid form').getBoundingClientRect().left]""")
    assert max(left) - min(left) < 1, left


def test_a_printed_post_keeps_the_text_and_the_press_links_addresses(open_context, seed_post):
    page = open_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(seed_post.get_absolute_url())
    page.emulate_media(media="print")
    shown = page.evaluate("""() => Object.fromEntries(
        ['.sidebar', '.comment-respond', '.subscribe', '.site-header nav', '.post-body']
        .map(s => [s, getComputedStyle(document.querySelector(s)).display]))""")
    assert shown[".post-body"] != "none"
    assert all(shown[s] == "none" for s in shown if s != ".post-body"), shown
    after = page.evaluate("""() => getComputedStyle(
        document.querySelector('.press-links a'), '::after').content""")
    link = seed_post.press_links.first().url
    assert after == f'" ({link})"'
    page.pdf(path=str(ARTIFACTS / "theme" / "post-printed.pdf"))
