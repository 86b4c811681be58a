import pytest
from django.contrib.auth.models import Group

from tests.factories import StaffFactory, UserFactory

pytest_plugins = ["tests.browser_fixtures"]


@pytest.fixture(autouse=True)
def _media_and_cache(settings, tmp_path):
    """Each test writes uploads to its own folder and starts with an empty cache."""
    from django.core.cache import caches

    from core import version_feed

    settings.MEDIA_ROOT = tmp_path / "media"
    for cache in caches.all():
        cache.clear()
    version_feed.forget_all()


@pytest.fixture
def other_worker(monkeypatch, settings):
    """Make writes go through a second, independent cache client, as another worker would."""
    from django.core.cache import caches

    from core import page_cache

    other = caches.create_connection("default")
    other_tags = caches.create_connection(settings.PAGE_CACHE_TAG_ALIAS)
    assert other is not caches["default"]
    monkeypatch.setattr(page_cache, "get_cache", lambda: other)
    monkeypatch.setattr(page_cache, "get_tag_cache", lambda: other_tags)
    return other


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory(is_superuser=True))
    return client


@pytest.fixture
def editor(db):
    user = StaffFactory(username="redaktor")
    user.groups.add(Group.objects.get(name="Redaktör"))
    return user


@pytest.fixture
def moderator(db):
    user = StaffFactory(username="moderator")
    user.groups.add(Group.objects.get(name="Moderator"))
    return user


@pytest.fixture
def visitor(db):
    return UserFactory(username="besokare")


@pytest.fixture
def comment_data():
    """A valid "Leave a reply" submission, as a browser would send it a minute after loading."""
    import time

    from comments.forms import sign_timestamp

    def make(post, **overrides):
        data = {
            "author_name": "Karin Läsare",
            "author_email": "karin@example.se",
            "author_url": "",
            "body": "Bra skrivet om förskolorna!",
            "timestamp": sign_timestamp(post, time.time() - 60),
            "homepage": "",
            "parent": "",
        }
        data.update(overrides)
        return data

    return make


@pytest.fixture
def post_comment(client, comment_data):
    """Send the comment form for ``post`` from this site, like a browser does."""

    def send(post, browser=None, **overrides):
        browser = browser or client
        return browser.post(
            f"/comments/post/{post.pk}/", comment_data(post, **overrides),
            headers={"origin": "http://testserver"},
        )

    return send


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Tests with a real transaction start from a flushed database: put back what
    the data migrations made (the editor and moderator groups, discussion settings)."""
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("transaction")):
        return
    request.getfixturevalue("transactional_db")
    from django.apps import apps
    from django.utils.module_loading import import_string

    for path in ("posts.migrations.0002_editor_group.create_editor_group",
                 "pages.migrations.0002_editor_permissions.give_editors_pages",
                 "comments.migrations.0002_moderator_group.create_moderator_group",
                 "comments.migrations.0002_moderator_group.create_default_settings"):
        import_string(path)(apps, None)
