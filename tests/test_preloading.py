"""What gunicorn's master loads before the fork (``huddinge_site.wsgi``): what every worker
needs, shared, and none of the libraries a site without them never calls, nor the one that
only draws an authenticator's enrolment code. The fediverse's signatures (``cryptography``)
are loaded where it is on: on by default for a public HTTPS address, off on this test's."""

import json
import subprocess
import sys

import pytest

from huddinge_site.settings import BASE_DIR

HEAVY = ("botocore", "boto3", "requests")
SIGNING = ("cryptography", "http_message_signatures")
ONLY_WHEN_DRAWN = ("qrcode",)


def loaded_by_the_master(tmp_path, **environment):
    script = ("import json, sys; import huddinge_site.wsgi; "
              f"print(json.dumps([name for name in {HEAVY + SIGNING + ONLY_WHEN_DRAWN!r} "
              "if name in sys.modules]))")
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "huddinge_site.settings",
           "DJANGO_SECRET_KEY": "preload-" + "x" * 60, "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
           "DJANGO_VAR_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'db'}",
           **environment}
    output = subprocess.run([sys.executable, "-W", "ignore", "-c", script], cwd=BASE_DIR,
                            env=env, capture_output=True, text=True, check=True).stdout
    return set(json.loads(output.strip().splitlines()[-1]))


@pytest.mark.slow
def test_a_site_on_its_own_disk_with_an_smtp_relay_and_no_fediverse_loads_none_of_them(tmp_path):
    assert loaded_by_the_master(tmp_path) == set()


@pytest.mark.slow
def test_a_bucket_and_a_mail_provider_are_loaded_once_before_the_fork(tmp_path):
    loaded = loaded_by_the_master(
        tmp_path, S3_BUCKET="media", EMAIL_BACKEND="anymail.backends.postmark.EmailBackend")
    assert set(HEAVY) <= loaded, "a provider's webhooks may verify with cryptography too"


@pytest.mark.slow
def test_the_fediverse_signatures_are_loaded_once_before_the_fork_where_it_is_on(tmp_path):
    assert loaded_by_the_master(tmp_path, FEDIVERSE_ENABLED="1") == set(SIGNING)
