"""The editor's and moderator's admin pages in Chromium: nothing off the screen at phone
and desktop widths, no serious accessibility violations, and screenshots."""

import pytest
from django.contrib.auth.models import Group

from comments.models import Comment
from posts import media_library
from tests.browser_fixtures import ARTIFACTS, OFF_SCREEN, PASSWORD, log_in
from tests.factories import (
    CommentFactory,
    EmbedFactory,
    PageFactory,
    PostFactory,
    PressLinkFactory,
    StaffFactory,
    image_upload,
)

pytestmark = pytest.mark.django_db(transaction=True)
pytest.importorskip("playwright.sync_api")
SCREENSHOTS = ARTIFACTS / "screenshots"
LONG = ("En kommentar som är lång nog att brytas över flera rader i kön, med ett långt ord: "
        "kommunfullmäktigesammanträdesprotokollsjusteringen, och en adress "
        "https://www.huddinge.se/politik-och-demokrati/kommunfullmaktige/sammantraden/2026/")

@pytest.fixture
def desk(db):
    post = PostFactory(title="Budgeten för 2027 och vad den betyder för skolorna i Huddinge",
                       body="## Bakgrund\n\n" + LONG)
    PressLinkFactory(post=post)
    EmbedFactory(post=post)
    page = PageFactory(title="Om mig")
    held = CommentFactory(post=post, status="pending", body=LONG,
                          author_email="en.mycket.lang.adress.till.nagon@exempel-foretag.se")
    CommentFactory(post=post, status="approved")
    media_library.receive(image_upload("kommunhuset.jpg"), "Kommunhuset i vinterljus", None)
    return {
        "post-form": f"/admin/posts/post/{post.pk}/change/",
        "new-post-form": "/admin/posts/post/add/",
        "page-form": f"/admin/pages/page/{page.pk}/change/",
        "comment-queue": "/admin/comments/comment/",
        "comment-form": f"/admin/comments/comment/{held.pk}/change/",
        "dashboard": "/admin/",
        "post-list": "/admin/posts/post/",
        "history": f"/admin/posts/post/{post.pk}/history/",
        "media-library": "/admin/posts/uploadedimage/",
    }


def admin_page(open_context, width):
    """A signed-in editor and moderator's browser, ``width`` pixels wide."""
    user = StaffFactory(username=f"desk{width}", password=PASSWORD)
    user.groups.add(*Group.objects.filter(name__in=["Redaktör", "Moderator"]))
    page = open_context(viewport={"width": width, "height": 900}).new_page()
    log_in(page, user.username)
    return page


@pytest.mark.parametrize("width", [375, 1280])
def test_nothing_runs_off_the_screen_and_screenshots(open_context, desk, width):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = admin_page(open_context, width)
    off_screen = {}
    for name, url in desk.items():
        page.goto(url)
        page.wait_for_load_state("load")
        if name in {"post-form", "new-post-form", "comment-queue", "page-form", "comment-form",
                    "media-library"}:
            page.screenshot(path=str(SCREENSHOTS / f"admin-{name}-{width}.png"), full_page=True)
        off_screen[name] = page.evaluate(OFF_SCREEN)
    assert {name: found for name, found in off_screen.items() if found} == {}
    page.goto(desk["new-post-form"])
    page.get_by_role("button", name="Bild", exact=True).click()
    page.locator(".image-dialog").wait_for()
    page.screenshot(path=str(SCREENSHOTS / f"admin-image-dialog-{width}.png"))
    assert Comment.objects.filter(status="pending").count() == 1


def test_no_serious_accessibility_violations_on_the_desk(open_context, desk):
    from axe_playwright_python.sync_playwright import Axe

    page = admin_page(open_context, 1280)
    serious = {}
    for name, url in desk.items():
        page.goto(url)
        results = Axe().run(page).response["violations"]
        serious[name] = [(v["id"], [n["target"] for n in v["nodes"]][:3])
                         for v in results if v["impact"] in {"serious", "critical"}]
    assert {name: found for name, found in serious.items() if found} == {}
