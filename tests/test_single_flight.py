"""A busy page missing from the cache is rendered once; the other readers get that copy."""

import threading
import time

import pytest
from django.db import connection
from django.test import Client

from comments.models import Comment
from comments.status import set_status
from core.models import PendingInvalidation
from posts.views import PostDetailView
from tests.factories import CommentFactory, PostFactory, StaffFactory
from tests.test_cache_faults import until

pytestmark = pytest.mark.django_db(transaction=True)
READERS = 8


@pytest.fixture
def renders(monkeypatch):
    """Count post-page renders, each slow enough that all readers arrive during the first."""
    counted = []
    original = PostDetailView.render_to_response

    def slow_render(self, context, **kwargs):
        counted.append(self.object.pk)
        time.sleep(0.4)
        return original(self, context, **kwargs)

    monkeypatch.setattr(PostDetailView, "render_to_response", slow_render)
    return counted


def rush(url):
    """``READERS`` anonymous readers asking for ``url`` at the same moment."""
    start, answers = threading.Barrier(READERS), []

    def read():
        try:
            start.wait()
            response = Client().get(url)
            answers.append((response.status_code, response.content.decode()))
        finally:
            connection.close()

    threads = [threading.Thread(target=read) for _ in range(READERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return answers


def test_an_invalidated_busy_page_is_rendered_once_and_everyone_sees_the_new_copy(renders):
    post = PostFactory(title="Budgeten")
    comment = CommentFactory(post=post, body="Väntar på godkännande", status="pending")
    Client().get(post.get_absolute_url())
    set_status(Comment.objects.filter(pk=comment.pk), "approved", StaffFactory())
    until(lambda: not PendingInvalidation.objects.exists(), "the approval's invalidation")
    renders.clear()
    answers = rush(post.get_absolute_url())
    assert len(renders) == 1
    assert len(answers) == READERS
    assert all(status == 200 and "Väntar på godkännande" in html for status, html in answers)


def test_pages_nobody_may_store_are_still_rendered_for_everyone(renders):
    answers = rush("/2001/01/01/finns-inte/")
    assert [status for status, _ in answers] == [404] * READERS
