"""The moderator in Chromium: one click per decision in the queue, with and without
JavaScript, and from the notification e-mail, counted."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from comments import notifications
from comments.models import Comment
from tests.browser_fixtures import Counted, log_in
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db(transaction=True)
expect = pytest.importorskip("playwright.sync_api").expect
DECISIONS = [("approved", "Godkänd"), ("spam", "Skräp"), ("trash", "Papperskorg")]


@pytest.fixture
def held(db):
    post = PostFactory(title="Budgeten", published_at=timezone.now() - timedelta(hours=2))
    return [Comment.objects.create(post=post, author_name=name, author_email=f"{name}@example.se",
                                   body=f"{name} undrar vad budgeten betyder för skolan.",
                                   status="pending", submitted_at=timezone.now())
            for name in ("karin", "olle", "spammare")]


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_approve_spam_and_trash_in_one_click_each(open_context, moderator_user, held,
                                                  javascript):
    page = open_context(java_script_enabled=javascript).new_page()
    log_in(page, "moderator")
    page.goto("/admin/comments/comment/")
    expect(page.locator(".queue-text", has_text="karin undrar")).to_be_visible()
    if javascript:
        page.evaluate("window.notReloaded = true")
    for comment, (wanted, label) in zip(held, DECISIONS, strict=True):
        clicks = Counted(page)
        clicks.click(page.locator(f'button[name=decide][value="{comment.pk}:{wanted}"]'))
        if javascript:
            expect(page.locator(".queue-live")).to_have_text(f"Kommentaren är nu: {label}.")
            row = page.locator("tr", has=page.locator(f'button[value="{comment.pk}:pending"]'))
            expect(row.locator(".queue-status")).to_have_text(label)
        else:
            expect(page.locator(".messagelist .success")).to_have_text(
                f"Kommentaren är nu: {label}.")
        assert clicks.clicks == 1
        comment.refresh_from_db()
        assert comment.status == wanted
    if javascript:
        assert page.evaluate("window.notReloaded") is True


def test_approving_from_the_mail_is_the_link_and_one_button(open_context, moderator_user,
                                                            held, live_server):
    """The link shows the comment and a button, never deciding on a GET (mail scanners
    follow links); the button decides."""
    moderator_user.email = "moderator@example.se"
    moderator_user.save()
    notifications.notify_held(held[0])
    found = re.search(r"^Godkänn: \S+?(/admin/\S+)$", mail.outbox[-1].body, re.MULTILINE)
    page = open_context().new_page()
    log_in(page, "moderator", start=found.group(1), lands=r"/decide/")
    page.get_by_role("button", name="Godkänn").click()
    expect(page.locator(".messagelist .success")).to_have_text("Kommentaren är nu: Godkänd.")
    held[0].refresh_from_db()
    assert held[0].status == "approved"
    notifications.notify_held(held[1])
    found = re.search(r"^Godkänn: \S+?(/admin/\S+)$", mail.outbox[-1].body, re.MULTILINE)
    signed_in = Counted(page)
    page.set_content(f'<a href="{live_server.url}{found.group(1)}">Godkänn</a>')
    signed_in.click(page.get_by_role("link", name="Godkänn"))
    signed_in.click(page.get_by_role("button", name="Godkänn"))
    expect(page.locator(".messagelist .success")).to_have_text("Kommentaren är nu: Godkänd.")
    assert signed_in.clicks == 2
    held[1].refresh_from_db()
    assert held[1].status == "approved"


def test_keys_move_between_comments_and_decide(open_context, moderator_user, held):
    page = open_context().new_page()
    log_in(page, "moderator")
    page.goto("/admin/comments/comment/")
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("s")
    expect(page.locator(".queue-live")).to_have_text("Kommentaren är nu: Skräp.")
    statuses = dict(Comment.objects.values_list("pk", "status"))
    assert sorted(statuses.values()) == ["pending", "pending", "spam"]
