"""Many comments at once against a real gunicorn on PostgreSQL: none lost, none doubled."""

import threading
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from benchmarks.servers import Gunicorn
from benchmarks.writes import comment_request
from comments.models import Comment
from comments.status import set_status
from tests.factories import CommentFactory, PostFactory, StaffFactory
from tests.nodes import node_env

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the gunicorn test runs against PostgreSQL"
)


@pytest.fixture
def gunicorn(tmp_path):
    env = node_env(tmp_path)
    server = Gunicorn(env, workers=2, threads=8)
    yield server.url("")
    server.stop()


def submit(base, post, n, address):
    request = comment_request(base, post, n, address, f"Samtidig kommentar nummer {n}.")
    opener = urllib.request.build_opener(NoRedirect)
    try:
        return opener.open(request, timeout=60).status
    except urllib.error.HTTPError as error:
        return error.code


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_200_concurrent_comments_are_each_stored_exactly_once(gunicorn):
    post = PostFactory()
    with ThreadPoolExecutor(max_workers=40) as pool:
        statuses = list(pool.map(
            lambda n: submit(gunicorn, post, n, f"198.18.{n // 200}.{n % 200 + 1}"), range(200)
        ))
    assert statuses == [302] * 200
    bodies = list(Comment.objects.filter(post=post).values_list("body", flat=True))
    assert sorted(bodies) == sorted(f"Samtidig kommentar nummer {n}." for n in range(200))


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_flood_control_holds_under_concurrency(gunicorn):
    post = PostFactory()
    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(lambda n: submit(gunicorn, post, n, "203.0.113.7"), range(20)))
    assert sorted(statuses) == [302] + [429] * 19
    assert Comment.objects.filter(post=post).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_moderators_approving_at_once_change_the_comment_once():
    comment = CommentFactory(status="pending")
    first, second = StaffFactory(), StaffFactory()
    barrier = threading.Barrier(2)
    changed = []

    def approve(moderator):
        barrier.wait()
        try:
            changed.append(set_status(Comment.objects.filter(pk=comment.pk), "approved",
                                      moderator))
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(m,)) for m in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    comment.refresh_from_db()
    assert sorted(changed) == [0, 1]
    assert comment.status == "approved" and comment.moderated_by in {first, second}
    assert comment.post.__class__.objects.get(pk=comment.post_id).comment_count == 1


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_changes_invalidating_in_opposite_orders_both_commit():
    """A post saved, then its categories, while a comment's approval invalidates the same
    shared tags the other way round: neither waits for the other forever."""
    from django.db import transaction

    from core import page_cache

    first_holds = threading.Event()
    errors = []

    def edit_post():
        try:
            with transaction.atomic():
                page_cache.invalidate([page_cache.LISTS, "page:/a/"])
                first_holds.set()
                threading.Event().wait(0.3)
                page_cache.invalidate([page_cache.COMMENTS])
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    def approve_comment():
        first_holds.wait()
        try:
            with transaction.atomic():
                page_cache.invalidate([page_cache.COMMENTS, page_cache.LISTS])
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=job) for job in (edit_post, approve_comment)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert set(page_cache._versions([page_cache.COMMENTS, page_cache.LISTS]).values()) != {"0"}
