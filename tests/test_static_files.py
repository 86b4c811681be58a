"""Static files as production serves them: hashed names, gzip and Brotli, far-future caching."""

import re

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


def _production_storages():
    return {**django_settings.STORAGES,
            "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """``collectstatic`` once for the module: compressing every file takes seconds."""
    root = tmp_path_factory.mktemp("static")
    with override_settings(STATIC_ROOT=root, STORAGES=_production_storages()):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


@pytest.fixture
def production_static(settings, collected):
    settings.STATIC_ROOT = collected
    settings.STORAGES = _production_storages()
    return Client()


def script_url(client):
    page = client.get("/").content.decode()
    return re.search(r'src="(/static/js/site\.[0-9a-f]{12}\.js)"', page).group(1)


def test_pages_link_their_script_by_its_hashed_name(production_static):
    assert script_url(production_static)


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_hashed_files_are_compressed_and_cached_for_ever(production_static, encoding):
    response = production_static.get(script_url(production_static),
                                     headers={"accept-encoding": encoding})
    assert response.status_code == 200
    assert response["Content-Encoding"] == encoding
    assert "immutable" in response["Cache-Control"]
    assert int(re.search(r"max-age=(\d+)", response["Cache-Control"]).group(1)) >= 31536000


def test_unhashed_names_are_cached_only_briefly(production_static):
    response = production_static.get("/static/css/site.css")
    assert response.status_code == 200
    assert "immutable" not in response["Cache-Control"]
    assert int(re.search(r"max-age=(\d+)", response["Cache-Control"]).group(1)) <= 3600


def test_the_site_icon_is_found_where_browsers_look(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/x-icon"
    html = client.get("/").content.decode()
    assert 'rel="icon" href="/static/favicon.svg"' in html
