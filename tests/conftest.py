import os

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from tests.factories import StaffFactory, UserFactory

pytest_plugins = ["tests.browser_fixtures", "tests.seed", "tests.smtp"]


SLOW_FIXTURES = {"live_server", "browser", "page", "open_context", "node", "own_redis",
                 "own_store", "s3_endpoint", "bucket", "transactional_db"}


def _slow(item):
    database = item.get_closest_marker("django_db")
    return bool(SLOW_FIXTURES & set(getattr(item, "fixturenames", ()))) or bool(
        database and database.kwargs.get("transaction"))


def pytest_collection_modifyitems(items):
    """A test that starts a real server, a worker or a browser, or needs committed
    transactions, is ``slow``: ``-m "not slow"`` runs the rest while writing code; CI runs
    everything."""
    for item in items:
        if _slow(item):
            item.add_marker(pytest.mark.slow)


EXPECTED_SKIPS = (
    "needs PostgreSQL", "runs against PostgreSQL", "the cluster runs on PostgreSQL",
    "SQLite's query planner", "../shared/fixtures/", "shared corpora not present",
    "shared fixtures not present", "needs Redis",
)
"""Skips CI accepts: what only the other database run covers, and the shared fixtures, which
live beside the project. Anything else (a browser, Varnish, Redis or a checker missing) is
something CI installs, so under ``CI`` such a skip fails the run."""
_unexpected_skips = []


def pytest_runtest_logreport(report):
    if report.skipped and os.environ.get("CI"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        if not any(expected in reason for expected in EXPECTED_SKIPS):
            _unexpected_skips.append(f"{report.nodeid}: {reason}")


def pytest_sessionfinish(session, exitstatus):
    if _unexpected_skips and exitstatus == 0:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter):
    if _unexpected_skips:
        terminalreporter.section("skipped where CI must run them")
        for line in _unexpected_skips:
            terminalreporter.write_line(line)


@pytest.fixture(autouse=True)
def _media_and_cache(settings, tmp_path):
    """Each test writes uploads to its own folder and starts with an empty cache that no
    earlier test left marked as down. The test process applies its own invalidations but
    sweeps for none left by others (the servers a test starts do, as in production)."""
    from django.core.cache import caches

    from core import front_cache, page_cache

    settings.MEDIA_ROOT = tmp_path / "media"
    for cache in caches.all():
        cache.clear()
    front_cache.sender.failing = False
    page_cache.outage.until = 0.0
    settings.PAGE_CACHE_SWEEP = False


@pytest.fixture(autouse=True)
def _no_posters_from_the_internet(monkeypatch):
    """Tests never reach YouTube or Vimeo; ``test_embed_posters`` serves its own stills."""
    from posts import posters

    def offline(url):
        raise OSError(f"no network in tests: {url}")

    monkeypatch.setattr(posters, "_get", offline)


@pytest.fixture(autouse=True)
def _force_login_includes_the_second_factor(monkeypatch):
    """``force_login`` stands for the whole sign-in: a staff user also gets a verified
    authenticator app, as after the two-step sign-in (tested in test_two_factor)."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    password_only = Client.force_login

    def force_login(self, user, backend=None):
        password_only(self, user, backend)
        if user.is_staff:
            device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=True)
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


def current_code(device, steps_ahead=0):
    """The code an authenticator app with ``device``'s key shows now (or a step later)."""
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = totp.time + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def sign_in():
    """The whole two-step sign-in through the login pages, with an app the user has."""
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def sign_in(client, username, password):
        user = get_user_model().objects.get(username=username)
        device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=True)
        response = client.post("/admin/login/", {"username": username, "password": password})
        if response.status_code != 302:
            return response
        return client.post("/admin/login/verify/", {"code": current_code(device)})

    return sign_in


@pytest.fixture
def other_worker(monkeypatch, settings):
    """Make writes go through a second, independent cache client, as another worker would."""
    from django.core.cache import caches

    from core import page_cache

    other = caches.create_connection("default")
    assert other is not caches["default"]
    monkeypatch.setattr(page_cache, "get_cache", lambda: other)
    return other


@pytest.fixture
def staff_client(db):
    """A browser of its own signed in as a superuser; ``client`` stays anonymous."""
    browser = Client()
    browser.force_login(StaffFactory(is_superuser=True))
    return browser


@pytest.fixture
def editor(db):
    user = StaffFactory(username="redaktor")
    user.groups.add(Group.objects.get(name="Redaktör"))
    return user


@pytest.fixture
def editor_client(editor):
    """A browser of its own signed in as a member of *Redaktör*; ``client`` stays anonymous."""
    browser = Client()
    browser.force_login(editor)
    return browser


@pytest.fixture
def moderator(db):
    user = StaffFactory(username="moderator")
    user.groups.add(Group.objects.get(name="Moderator"))
    return user


@pytest.fixture
def moderator_client(moderator):
    """A browser of its own signed in as a member of *Moderator*."""
    browser = Client()
    browser.force_login(moderator)
    return browser


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
    """Send the comment form for ``post`` (or a page) from this site, like a browser does."""
    from comments import targets

    def send(post, browser=None, **overrides):
        browser = browser or client
        return browser.post(
            targets.form_action(post), comment_data(post, **overrides),
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


@pytest.fixture
def node(tmp_path, settings):
    """One server as in production: gunicorn behind its own Varnish, sharing this test's
    database and file cache."""
    from tests.nodes import Node, front_ports, share_file_cache

    (port,) = front_ports(1)
    var_dir = tmp_path / "node"
    share_file_cache(settings, var_dir)
    settings.FRONT_CACHE_URLS = [f"http://127.0.0.1:{port}"]
    server = Node(var_dir, port, settings.FRONT_CACHE_URLS)
    yield server
    server.stop()


@pytest.fixture
def own_redis(settings, tmp_path):
    """A redis-server of this test's own, which it may pause, fill or restart."""
    from core import front_cache, page_cache
    from tests.test_cache_faults import RedisServer

    server = RedisServer(tmp_path)
    settings.CACHES = {"default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": server.url,
        "KEY_PREFIX": "faults",
        "OPTIONS": {"socket_connect_timeout": 0.3, "socket_timeout": 0.3},
    }}
    page_cache.outage.until = 0.0
    yield server
    server.stop()
    front_cache.sender.failing = False
    page_cache.outage.until = 0.0
