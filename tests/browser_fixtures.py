"""Fixtures for tests that drive Debian's Chromium through Playwright.

Without Playwright or Chromium the browser tests are skipped with one line
saying why; in CI (``CI`` set) that is a failure instead, since CI installs
both. Playwright's own browser download is never used.
"""

import os
import shutil
from pathlib import Path

import pytest

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
