"""Media in an S3-compatible bucket, shared by every server: uploads, image sizes, the
media view, backups and imports all go through the storage API, over real HTTP."""

import os
import signal
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

import pytest
from botocore.config import Config
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.management import call_command
from django.test import Client

from posts import images
from posts.models import Post, UploadedImage
from tests.factories import PostFactory, image_upload
from tests.test_resilience import health_while_stopped
from tests.wxr_files import post, run, write

pytestmark = pytest.mark.django_db
pytest_plugins = ["tests.s3"]
ROOT = Path(__file__).resolve().parent.parent


def test_an_editor_upload_lands_in_the_bucket_and_is_served_from_our_site(client, editor,
                                                                          bucket):
    client.force_login(editor)
    response = client.post("/markdownx/upload/", {"image": image_upload(size=(1600, 900))},
                           headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code == 200
    image = UploadedImage.objects.get()
    assert image.file.name in bucket.names()
    assert any(name.startswith("renditions/") for name in bucket.names())
    assert (image.width, image.height) == (1600, 900)
    url = image.file.url
    assert url.startswith("/media/uploads/")
    served = Client().get(url)
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    assert b"".join(served.streaming_content) == bucket.read(image.file.name)
    assert Client().get("/media/uploads/saknas.jpg").status_code == 404


def test_a_post_written_on_another_server_keeps_its_image_sizes(bucket):
    name = default_storage.save("uploads/bild.jpg", ContentFile(image_upload(size=(2000, 1000))
                                                                .read()))
    images.make_renditions(name)
    written = PostFactory(body=f"![Bild](/media/{name})")
    html = Client().get(written.get_absolute_url()).content.decode()
    assert 'width="2000"' in html and 'height="1000"' in html and "srcset=" in html


def test_backup_and_restore_carry_the_bucket(tmp_path, bucket, s3_endpoint, settings):
    from tests.s3 import Bucket

    name = default_storage.save("uploads/bild.jpg", ContentFile(image_upload().read()))
    PostFactory(title="Med bild")
    archive = tmp_path / "backup.tar.gz"
    call_command("backup_site", str(archive), stdout=StringIO())
    Post.objects.all().delete()
    empty = Bucket(s3_endpoint)
    settings.STORAGES = {**settings.STORAGES, "default": empty.storage_setting()}
    call_command("restore_site", str(archive), stdout=StringIO())
    assert name in empty.names()
    assert empty.read(name) == bucket.read(name)


def test_an_import_copies_wordpress_uploads_into_the_bucket(tmp_path, bucket):
    uploads = tmp_path / "uploads" / "2020" / "05"
    uploads.mkdir(parents=True)
    (uploads / "bild.jpg").write_bytes(image_upload(size=(800, 600)).read())
    content = '<img src="https://gammal.example/wp-content/uploads/2020/05/bild.jpg" alt="B">'
    run(write(tmp_path, post(1, "Med bild", content)), "--media-dir", str(tmp_path / "uploads"))
    imported = Post.objects.get(title="Med bild")
    stored = [name for name in bucket.names() if name.endswith(".jpg")]
    assert stored and f"/media/{stored[0]}" in imported.body_html


def test_a_stalled_store_answers_within_its_timeouts(tmp_path, own_store):
    """A store that accepts connections and never answers (moto stopped with SIGSTOP)
    costs a request seconds, not botocore's default minutes: production's settings give
    the S3 client connect and read timeouts (``S3_CONNECT_TIMEOUT``, ``S3_READ_TIMEOUT``)."""
    os.kill(own_store.process.pid, signal.SIGSTOP)
    env = {**os.environ, **own_store.environment(), "DJANGO_SETTINGS_MODULE":
           "huddinge_site.settings", "DJANGO_DEBUG": "1", "DJANGO_VAR_DIR": str(tmp_path),
           "S3_CONNECT_TIMEOUT": "1", "S3_READ_TIMEOUT": "1"}
    probe = ("import time\nfrom django.core.files.storage import default_storage\n"
             "started = time.monotonic()\ntry:\n    default_storage.exists('bild.jpg')\n"
             "except Exception:\n    pass\nprint(round(time.monotonic() - started, 1))")
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c", probe], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=60, check=True)
    assert float(result.stdout.split()[-1]) < 8


def test_health_answers_within_half_a_second_with_the_store_stalled(own_store, settings, client):
    """A stalled store would hold every server's check at once; the check gives each part
    until half a second and says which one failed."""
    settings.STORAGES = {**settings.STORAGES, "default": own_store.storage_setting()}
    deadline = time.monotonic() + 10
    while client.get("/health/").json()["media"] != "ok":
        assert time.monotonic() < deadline, "the store never answered the check"
        time.sleep(0.1)
    response, took = health_while_stopped(own_store.process, client)
    assert response.status_code == 200 and took < 0.8, took
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "ok",
                               "media": "failing"}


def test_a_refusing_store_gives_each_caller_the_answer_it_expects(own_store, settings, client,
                                                                   editor):
    """The editor's upload gets its JSON message, media a 503 nobody keeps, and nothing is
    stored; never the HTML error page."""
    settings.STORAGES = {**settings.STORAGES, "default": own_store.storage_setting()}
    client.force_login(editor)
    stored = client.post("/markdownx/upload/", {"image": image_upload("torget.jpg")})
    url = UploadedImage.objects.get().file.url
    own_store.process.terminate()
    own_store.process.wait(timeout=10)
    refused = client.post("/markdownx/upload/",
                          {"image": image_upload("park.jpg", color="#00aa00")})
    assert stored.status_code == 200 and refused.status_code == 507
    assert "kunde inte sparas" in refused.json()["image"][0]
    assert UploadedImage.objects.count() == 1
    media = Client().get(url)
    assert media.status_code == 503 and media["Cache-Control"] == "no-store"
    assert media["Retry-After"] == "30"


def test_a_store_that_did_not_answer_is_skipped_for_a_while(own_store, settings, client,
                                                            editor):
    """Once a call has waited out its timeout, requests for media get their 503 at once
    instead of each holding a worker for the timeout while pages wait."""
    setting = own_store.storage_setting()
    setting["OPTIONS"]["client_config"] = Config(connect_timeout=1, read_timeout=1,
                                                 retries={"max_attempts": 1})
    settings.STORAGES = {**settings.STORAGES, "default": setting}
    client.force_login(editor)
    client.post("/markdownx/upload/", {"image": image_upload("torget.jpg")})
    url = UploadedImage.objects.get().file.url
    os.kill(own_store.process.pid, signal.SIGSTOP)
    try:
        first = Client().get(url)
        started = time.monotonic()
        then = [Client().get(url).status_code for _ in range(4)]
        took = time.monotonic() - started
    finally:
        os.kill(own_store.process.pid, signal.SIGCONT)
    assert first.status_code == 503 and then == [503] * 4
    assert took < 0.5, f"four requests took {took:.1f} s"


def test_a_late_fault_of_a_store_no_longer_used_leaves_the_new_one_alone(own_store, bucket,
                                                                          settings, editor):
    """A check still waiting on a stalled store when the site moves to another store
    marks only the store it waited on; uploads to the new one go on."""
    stalled = own_store.storage_setting()
    stalled["OPTIONS"]["client_config"] = Config(connect_timeout=1, read_timeout=1,
                                                 retries={"max_attempts": 1})
    settings.STORAGES = {**settings.STORAGES, "default": stalled}
    old = storages["default"]
    os.kill(own_store.process.pid, signal.SIGSTOP)
    try:
        assert Client().get("/health/").json()["media"] == "failing"
        settings.STORAGES = {**settings.STORAGES, "default": bucket.storage_setting()}
        deadline = time.monotonic() + 10
        while not old.outage.active():
            assert time.monotonic() < deadline, "the check never gave up on the old store"
            time.sleep(0.1)
    finally:
        os.kill(own_store.process.pid, signal.SIGCONT)
    uploader = Client()
    uploader.force_login(editor)
    response = uploader.post("/markdownx/upload/", {"image": image_upload("torget.jpg")})
    assert response.status_code == 200, response.content
    assert UploadedImage.objects.get().file.name in bucket.names()


def test_a_missing_bucket_is_named_by_check_deploy_and_made_once(s3_endpoint, settings):
    from django.core.checks import run_checks

    from tests.s3 import Bucket

    made = Bucket(s3_endpoint)
    setting = made.storage_setting()
    setting["OPTIONS"]["bucket_name"] = f"{made.name}-saknas"
    settings.STORAGES = {**settings.STORAGES, "default": setting}
    errors = [e for e in run_checks(include_deployment_checks=True)
              if e.id == "huddinge_site.E003"]
    assert len(errors) == 1 and "does not exist" in errors[0].msg
    assert "media_bucket --create" in errors[0].hint
    out = StringIO()
    call_command("media_bucket", "--create", stdout=out)
    assert "Created the media bucket" in out.getvalue()
    assert not [e for e in run_checks(include_deployment_checks=True)
                if e.id == "huddinge_site.E003"]
    call_command("media_bucket", stdout=out)
    assert "answers" in out.getvalue()
