import pytest
from django.contrib.auth.models import Group

from tests.factories import StaffFactory, UserFactory


@pytest.fixture(autouse=True)
def _media_and_cache(settings, tmp_path):
    """Each test writes uploads to its own folder and starts with an empty cache."""
    from django.core.cache import cache

    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()


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
