"""Readers who come back, in a real browser: the subscribe form, the beacon that counts a
view (allowed by the site's own security policy), the mail as a mail program shows it, and
the statistics on the dashboard; screenshots at phone and desktop width."""

import pytest
from django.utils import timezone

from stats.models import DailyPageCount
from subscriptions import mail
from subscriptions.models import Subscriber
from tests.browser_fixtures import ARTIFACTS, log_in
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db(transaction=True)
SCREENSHOTS = ARTIFACTS / "screenshots"
READER = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
          "Chrome/142.0 Safari/537.36")
"""A reader's browser: headless Chromium says so in its user agent, and is left uncounted."""


@pytest.mark.parametrize("width", [375, 1280])
def test_a_reader_subscribes_under_a_post_and_the_visit_is_counted(open_context, width):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    post = PostFactory(title="Cykelbanan i Flemingsberg")
    page = open_context(viewport={"width": width, "height": 900}, user_agent=READER).new_page()
    page.goto(post.get_absolute_url())
    form = page.locator("form.subscribe-form").first
    form.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / f"subscribe-form-{width}.png"))
    form.get_by_label("E-postadress").fill(f"lasare{width}@example.se")
    form.get_by_label("Ett brev i veckan med veckans inlägg").check()
    form.get_by_role("button", name="Prenumerera").click()
    page.get_by_text("Nästan klart").wait_for()
    page.screenshot(path=str(SCREENSHOTS / f"subscribe-sent-{width}.png"))
    subscriber = Subscriber.objects.get()
    assert (subscriber.status, subscriber.frequency) == ("pending", "weekly")
    row = DailyPageCount.objects.filter(path=post.get_absolute_url()).first()
    assert row is not None and row.views == 1, "the beacon counted the visit"


@pytest.mark.parametrize("width", [375, 1280])
def test_the_mail_reads_well_in_a_mail_programs_html_view(open_context, width):
    post = PostFactory(title="Budgeten för 2027",
                       body="## Vad händer?\n\nVi satsar på [skolan](/skolan/).\n\n- Fler lärare\n"
                            "- Mindre klasser", published_at=timezone.now())
    subscriber = Subscriber.objects.create(email="anna@example.se", status="confirmed")
    html = mail.post_mail(post, subscriber).alternatives[0][0]
    page = open_context(viewport={"width": width, "height": 900}).new_page()
    page.set_content(html)
    page.screenshot(path=str(SCREENSHOTS / f"mail-{width}.png"), full_page=True)
    assert page.get_by_role("heading", name="Budgeten för 2027").is_visible()
    assert page.get_by_role("link", name="Avsluta prenumerationen").is_visible()


@pytest.mark.parametrize("width", [375, 1280])
def test_the_dashboard_shows_the_readers(open_context, editor_user, width):
    post = PostFactory(title="Mest läst")
    DailyPageCount.objects.create(day=timezone.localdate(), path="", views=12, visitors=9)
    DailyPageCount.objects.create(day=timezone.localdate(), path=post.get_absolute_url(),
                                  views=12, visitors=9)
    page = open_context(viewport={"width": width, "height": 900}).new_page()
    log_in(page, "redaktor")
    page.locator("#stats").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / f"dashboard-stats-{width}.png"), full_page=True)
    assert page.locator("#stats svg rect").count() == 30
    assert page.get_by_role("link", name="Mest läst").is_visible()
