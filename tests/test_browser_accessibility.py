"""Accessibility (axe-core), keyboard use, layout at phone width, and screenshots."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser_fixtures import ARTIFACTS
from tests.factories import (
    CategoryFactory,
    CommentFactory,
    EmbedFactory,
    PostFactory,
    PressLinkFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)
SCREENSHOTS = ARTIFACTS / "screenshots"


@pytest.fixture
def site(db):
    category = CategoryFactory(name="Trafik")
    posts = [PostFactory(title=f"Inlägg om trafik {n}",
                         published_at=timezone.now() - timedelta(days=n)) for n in range(3)]
    post = posts[0]
    post.body = "## Bakgrund\n\nText med [en länk](https://huddinge.se).\n\n> Ett citat."
    post.save()
    for item in posts:
        item.categories.add(category)
    PressLinkFactory(post=post)
    EmbedFactory(post=post)
    parent = CommentFactory(post=post, body="En första kommentar\nmed två rader.")
    CommentFactory(post=post, parent=parent, body="Ett svar.")
    return post


def accessibility_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        (violation["id"], violation["help"], [node["target"] for node in violation["nodes"]])
        for violation in results.response["violations"]
        if violation["impact"] in {"moderate", "serious", "critical"}
    ]


def test_no_moderate_or_worse_accessibility_violations(page, site):
    day = site.local_date
    for url in ["/", site.get_absolute_url(), f"/{day:%Y}/{day:%m}/", "/?s=trafik",
                "/finns-inte/", "/archive/", "/categories/"]:
        page.goto(url)
        assert accessibility_violations(page) == [], url


def test_embed_and_comment_form_work_with_the_keyboard_alone(page, site, instant_forms):
    page.goto(site.get_absolute_url())
    focused = []
    for _ in range(60):
        page.keyboard.press("Tab")
        element = page.evaluate("""() => {
            const e = document.activeElement;
            return e.id || e.className || e.tagName;
        }""")
        focused.append(element)
        if element == "embed-play":
            break
    assert focused[-1] == "embed-play", focused
    page.keyboard.press("Enter")
    page.locator(".embed iframe").wait_for()
    order = []
    for _ in range(80):
        page.keyboard.press("Tab")
        order.append(page.evaluate("() => document.activeElement.id"))
        if order[-1] == "id_body":
            break
    page.keyboard.type("Skrivet med tangentbordet.")
    for field, text in (("id_author_name", "Tangent"), ("id_author_email", "tangent@example.se")):
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.id") == field
        page.keyboard.type(text)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "id_remember"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "id_notify_replies"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "Skicka kommentar"
    page.keyboard.press("Enter")
    page.get_by_text("Din kommentar väntar på granskning.").wait_for()


@pytest.mark.parametrize("width", [375, 1280])
def test_screenshots_and_no_horizontal_overflow(open_context, site, width):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = open_context(viewport={"width": width, "height": 900}).new_page()
    for name, url in (("home", "/"), ("post", site.get_absolute_url())):
        page.goto(url)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, (name, width, overflow)
    page.goto(site.get_absolute_url())
    page.click("button:has-text('Skicka kommentar')")
    page.locator("#comment-errors").wait_for()
    page.wait_for_load_state("load")
    page.locator("#respond").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / f"comment-error-{width}.png"))


def test_text_reads_at_a_comfortable_measure_and_the_phone_header_stays_small(open_context):
    sentence = "Huddinge kommun bygger fler förskoleplatser i Flemingsberg och Visättra. "
    post = PostFactory(body=sentence * 12)
    desktop = open_context(viewport={"width": 1280, "height": 900}).new_page()
    desktop.goto(post.get_absolute_url())
    per_line = desktop.evaluate("""() => {
        const p = document.querySelector('.post-body p');
        const lines = Math.round(p.getBoundingClientRect().height
                                 / parseFloat(getComputedStyle(p).lineHeight));
        return p.textContent.length / lines;
    }""")
    assert 55 <= per_line <= 80, per_line
    phone = open_context(viewport={"width": 375, "height": 812}).new_page()
    phone.goto(post.get_absolute_url())
    header = phone.evaluate("() => document.querySelector('.site-header').offsetHeight")
    assert header <= 0.2 * 812, header
