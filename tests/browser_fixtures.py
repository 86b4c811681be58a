"""Fixtures for tests that drive Debian's Chromium through Playwright.

Without Playwright or Chromium the browser tests are skipped with one line
saying why; in CI (``CI`` set) that is a failure instead, since CI installs
both. Playwright's own browser download is never used.
"""

import base64
import os
import re
import shutil
from pathlib import Path

import pytest

from tests.factories import StaffFactory

PASSWORD = "ett-långt-lösenord-42"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _unavailable():
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Python Playwright is not installed"
    if not shutil.which(CHROMIUM):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = _unavailable()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run in CI: {reason}")
        pytest.skip(f"browser tests skipped: {reason}")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_context(browser, live_server):
    """Make browser contexts (separate "browsers") that talk only to the live server."""
    contexts = []

    def make(**options):
        context = browser.new_context(base_url=live_server.url, locale="sv-SE", **options)
        context.route("**/*", _only_local(live_server.url))
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


def _only_local(base):
    def handle(route):
        url = route.request.url
        if url.startswith(base) or url.startswith("data:"):
            route.continue_()
        else:
            route.fulfill(status=200, content_type="text/html", body="<p>extern spelare</p>")

    return handle


@pytest.fixture
def page(open_context):
    return open_context().new_page()


@pytest.fixture
def instant_forms(monkeypatch):
    """A person in a test types faster than the bot check allows; let them."""
    monkeypatch.setattr("comments.moderation.MIN_SECONDS", 0)


def app_code(shown_key):
    """What an authenticator app set up with the key shown on the page displays now."""
    from django_otp.oath import TOTP

    key = shown_key.replace(" ", "")
    return f"{TOTP(base64.b32decode(key + '=' * (-len(key) % 8))).token():06d}"


def log_in(page, username, start="/admin/login/", lands=r"/admin/$"):
    """The first sign-in of a staff member: password, adding an app, recovery codes;
    from ``start`` (a login page, or a page that asks for one) to a page matching
    ``lands``."""
    from playwright.sync_api import expect

    page.goto(start)
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/login/setup/$"))
    page.fill("#id_code", app_code(page.inner_text("#totp-secret")))
    page.click("input[type=submit]")
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    page.click("text=Jag har sparat dem: fortsätt")
    page.wait_for_url(re.compile(lands))


@pytest.fixture
def editor_user(db):
    from django.contrib.auth.models import Group

    user = StaffFactory(username="redaktor", password=PASSWORD)
    user.groups.add(Group.objects.get(name="Redaktör"))
    return user


@pytest.fixture
def moderator_user(db):
    from django.contrib.auth.models import Group

    user = StaffFactory(username="moderator", password=PASSWORD)
    user.groups.add(Group.objects.get(name="Moderator"))
    return user


class Counted:
    """A page on which clicks and filled-in fields are counted as the person doing them
    would count them (choosing in a menu or picking a file is a click; typing an address
    into a dialog is a field, and Enter sends it)."""

    def __init__(self, page):
        self.page, self.clicks, self.fields = page, 0, 0

    def _find(self, target):
        return self.page.locator(target) if isinstance(target, str) else target

    def click(self, target):
        self.clicks += 1
        self._find(target).click()

    def choose(self, target, value):
        self.clicks += 1
        self._find(target).select_option(value)

    def upload(self, target, files):
        self.clicks += 1
        self._find(target).set_input_files(files)

    def fill(self, target, value):
        self.fields += 1
        self._find(target).fill(value)

    def close(self, tab):
        """Closing a tab (the preview) to go back to the editor is a click."""
        self.clicks += 1
        tab.close()


OFF_SCREEN = """() => {
    const width = document.documentElement.clientWidth;
    const found = [];
    const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
        + (el.className && typeof el.className === "string"
           ? "." + el.className.trim().split(/\\s+/).join(".") : "");
    if (document.documentElement.scrollWidth > width) {
        found.push(["page", document.documentElement.scrollWidth, width]);
    }
    for (const el of document.querySelectorAll("#content *, #content")) {
        const style = getComputedStyle(el);
        const hiddenAway = el.closest("dialog:not([open]), [hidden]");
        const clipped = el.closest(".visually-hidden, thead");
        if (style.display === "none" || style.visibility === "hidden" || hiddenAway
            || (clipped && getComputedStyle(clipped).position === "absolute")
            || parseFloat(style.textIndent) < -999) { continue; }
        const box = el.getBoundingClientRect();
        if (box.width > 1 && box.right > width + 1) {
            found.push([name(el), Math.round(box.right), width]);
        }
        if (["auto", "scroll", "hidden"].includes(style.overflowX)
            && el.scrollWidth > el.clientWidth + 1) {
            found.push([name(el) + " (scrolls)", el.scrollWidth, el.clientWidth]);
        }
    }
    return found.slice(0, 8);
}"""
"""What sticks out past the right edge of the window in the admin's content: ``[[element,
right edge, window width]]``."""
