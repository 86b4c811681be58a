"""Faults: a cache that is down, a full disk, and the health check that reports them."""

import errno
import os
import signal
import time
from pathlib import Path

import pytest
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from comments.models import Comment
from core import page_cache
from posts.models import Embed, Post, UploadedImage
from tests.factories import CommentFactory, PostFactory, image_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down(settings, monkeypatch):
    """Point the cache at a Redis that refuses connections, as if it had crashed."""
    settings.CACHES = {"default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }}
    monkeypatch.setattr(page_cache.outage, "until", 0.0)
    yield
    page_cache.outage.until = 0.0


def test_site_serves_uncached_when_redis_is_down(redis_down, post_comment):
    post = PostFactory(title="Utan cache")
    for url in ("/", post.get_absolute_url(), "/feed/"):
        response = Client().get(url)
        assert response.status_code == 200 and "X-Page-Cache" not in response
    assert "Utan cache" in Client().get("/").content.decode()
    assert post_comment(post).status_code == 302
    assert Comment.objects.count() == 1


def test_saving_and_moderating_work_when_redis_is_down(redis_down):
    post = PostFactory()
    post.title = "Ändrad utan cache"
    post.save()
    CommentFactory(post=post)
    assert "Ändrad utan cache" in Client().get(post.get_absolute_url()).content.decode()


def test_a_failing_cache_is_degraded_and_keeps_the_node_in_service(redis_down, client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "failing",
                               "media": "ok"}


def test_a_failing_database_takes_the_node_out(client, monkeypatch):
    from django.db import OperationalError

    from huddinge_site import health

    def broken():
        raise OperationalError("connection refused")

    monkeypatch.setattr(health, "_database", broken)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {"status": "down", "database": "failing", "cache": "ok",
                               "media": "ok"}


def health_while_stopped(process, client):
    """``/health/`` asked while ``process`` (a server of the test's own) is stopped with
    SIGSTOP: the answer and how long it took."""
    os.kill(process.pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        response = client.get("/health/")
        return response, time.monotonic() - started
    finally:
        os.kill(process.pid, signal.SIGCONT)


def test_health_is_ok_and_never_cached(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "media": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_full_disk_on_upload_gives_a_clear_answer_and_loses_nothing(client, editor, monkeypatch):
    client.force_login(editor)
    PostFactory(title="Finns kvar")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(default_storage, "_save", full)
    response = client.post("/markdownx/upload/", {"image": image_upload()})
    assert response.status_code == 507
    assert "disken kan vara full" in response.json()["image"][0]
    assert not UploadedImage.objects.exists()
    assert Post.objects.filter(title="Finns kvar").exists()


def stored_files(settings):
    return sorted(str(path) for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file())


def fail_after(monkeypatch, writes):
    """Let the storage write ``writes`` files, then fail as a full disk does."""
    real_save = default_storage._save
    done = []

    def save(name, content):
        if len(done) >= writes:
            raise OSError(errno.ENOSPC, "No space left on device")
        done.append(name)
        return real_save(name, content)

    monkeypatch.setattr(default_storage, "_save", save)


def test_disk_full_between_renditions_leaves_no_half_stored_image(client, editor, monkeypatch,
                                                                   settings):
    client.force_login(editor)
    fail_after(monkeypatch, writes=2)
    response = client.post("/markdownx/upload/", {"image": image_upload(size=(2000, 1000))})
    assert response.status_code == 507
    assert stored_files(settings) == []
    assert not UploadedImage.objects.exists()


def admin_post_data(**extra):
    return {
        "title": "Skrivet när disken var full", "slug": "", "excerpt": "",
        "body": "Lång text som inte får försvinna.", "status": "published",
        "published_at_0": "2024-05-01",
        "published_at_1": "10:00:00", "featured_image_alt": "Kommunhuset",
        "press_links-TOTAL_FORMS": "0", "press_links-INITIAL_FORMS": "0",
        "embeds-TOTAL_FORMS": "0", "embeds-INITIAL_FORMS": "0",
        **extra,
    }


def test_disk_full_on_a_featured_image_returns_the_form_with_what_was_typed(
        client, editor, monkeypatch, settings):
    client.force_login(editor)
    fail_after(monkeypatch, writes=1)
    response = client.post("/admin/posts/post/add/",
                           admin_post_data(featured_image=image_upload(size=(2000, 1000))))
    page = response.content.decode()
    assert response.status_code == 200
    assert "disken kan vara full" in page
    assert "Lång text som inte får försvinna." in page
    assert not Post.objects.exists()
    assert stored_files(settings) == []


def test_disk_full_on_a_media_file_in_the_admin_says_so_and_saves_nothing(
        client, editor, monkeypatch):
    client.force_login(editor)
    kept = PostFactory(title="Finns kvar")
    fail_after(monkeypatch, writes=0)
    audio = SimpleUploadedFile("intervju.mp3", b"ID3" + b"\0" * 2000, content_type="audio/mpeg")
    response = client.post("/admin/posts/post/add/", admin_post_data(**{
        "embeds-TOTAL_FORMS": "1", "embeds-0-file": audio, "embeds-0-caption": "Intervju",
        "embeds-0-order": "0", "embeds-0-url": "",
    }))
    assert response.status_code == 507
    assert "Disken är full" in response.content.decode()
    assert list(Post.objects.all()) == [kept]
    assert not Embed.objects.exists()




def test_a_write_that_fails_half_way_leaves_no_file_behind(settings):
    class FillsTheDisk(File):
        def chunks(self, chunk_size=None):
            yield b"x" * 1024
            raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError):
        default_storage.save("uploads/halv.jpg", FillsTheDisk(ContentFile(b""), name="halv.jpg"))
    folder = Path(settings.MEDIA_ROOT) / "uploads"
    assert not folder.exists() or list(folder.iterdir()) == []


def test_saving_under_a_taken_name_keeps_both_files():
    first = default_storage.save("uploads/samma.jpg", ContentFile(b"ett"))
    second = default_storage.save("uploads/samma.jpg", ContentFile("två".encode()))
    assert first != second
    with default_storage.open(first) as one, default_storage.open(second) as two:
        assert (one.read(), two.read()) == (b"ett", "två".encode())


def test_health_checks_running_at_once_never_report_a_fault_that_is_not_there():
    from concurrent.futures import ThreadPoolExecutor

    from huddinge_site import health

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda _: health._cache(), range(400)))
    assert all(answers), f"{answers.count(False)} of 400 checks said the cache failed"
