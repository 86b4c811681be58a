"""Backup and restore: everything comes back, and a tampered archive is refused or made safe."""

import io
import json
import os
import tarfile
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.test import Client

from comments.models import Comment
from pages.models import Page
from posts.models import Embed, Post
from tests.factories import CommentFactory, EmbedFactory, PageFactory, PostFactory, image_upload

pytestmark = pytest.mark.django_db


class Zeros(io.RawIOBase):
    def readinto(self, buffer):
        buffer[:] = bytes(len(buffer))
        return len(buffer)


def make_archive(path, data, media=()):
    """A .tar.gz like backup_site's: ``data`` as data.json, ``media`` (name, bytes) pairs."""
    with tarfile.open(path, "w:gz") as archive:
        for name, content in [("data.json", json.dumps(data).encode()), *media]:
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    return path


def backed_up(tmp_path):
    """A backup of a one-post site, read back as rows; the site is then emptied."""
    post = PostFactory(title="Säkerhetskopierad", body="Ett **stycke**.")
    CommentFactory(post=post, body="En kommentar")
    archive = tmp_path / "backup.tar.gz"
    call_command("backup_site", str(archive), stdout=StringIO())
    Post.objects.all().delete()
    with tarfile.open(archive) as opened:
        return json.load(opened.extractfile("data.json"))


def restore(path):
    out, err = StringIO(), StringIO()
    call_command("restore_site", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_backup_and_restore_bring_back_posts_comments_and_uploads(tmp_path, settings):
    post = PostFactory(title="Säkerhetskopierad")
    CommentFactory(post=post, body="En kommentar som ska överleva")
    name = default_storage.save("uploads/bild.jpg", ContentFile(image_upload().read()))
    EmbedFactory(post=post)
    PageFactory(title="Om mig", slug="om-mig")
    archive = tmp_path / "backup.tar.gz"
    call_command("backup_site", str(archive), stdout=StringIO())
    Post.objects.all().delete()
    Comment.objects.all().delete()
    Page.objects.all().delete()
    default_storage.delete(name)
    assert not Path(settings.MEDIA_ROOT, name).exists()
    call_command("restore_site", str(archive), stdout=StringIO())
    restored = Post.objects.get(title="Säkerhetskopierad")
    assert restored.comments.get().body == "En kommentar som ska överleva"
    assert restored.comment_count == 1
    assert Embed.objects.filter(post=restored).exists()
    assert Path(settings.MEDIA_ROOT, name).exists()
    assert Client().get(restored.get_absolute_url()).status_code == 200
    assert Client().get("/om-mig/").status_code == 200
    assert "Säkerhetskopierad" in Client().get("/", {"s": "Säkerhetskopierad"}).content.decode()
    PostFactory(title="Ny efter återställning")


def test_restore_refuses_a_database_with_posts(tmp_path):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup_site", str(archive), stdout=StringIO())
    PostFactory()
    with pytest.raises(Exception, match="already has posts"):
        call_command("restore_site", str(archive), stdout=StringIO())


def test_backups_are_readable_by_their_owner_only(tmp_path):
    archive = tmp_path / "backup.tar.gz"
    archive.write_bytes(b"")
    archive.chmod(0o644)
    call_command("backup_site", str(archive), stdout=StringIO())
    assert archive.stat().st_mode & 0o777 == 0o600


def test_stored_html_in_an_archive_never_reaches_a_page(tmp_path):
    rows = backed_up(tmp_path)
    for row in rows:
        if row["model"] in {"posts.post", "comments.comment"}:
            row["fields"]["body_html"] = "<script>alert('restore')</script>"
        if row["model"] == "posts.post":
            row["fields"]["title"] = "Säkerhetskopierad\nBcc: alla@example.se"
    restore(make_archive(tmp_path / "tampered.tar.gz", rows))
    post = Post.objects.get()
    html = Client().get(post.get_absolute_url()).content.decode()
    assert "alert('restore')" not in html
    assert "<strong>stycke</strong>" in html and "En kommentar" in html
    assert post.title == "Säkerhetskopierad Bcc: alla@example.se"


def test_the_accounts_an_archive_brings_are_reported(tmp_path):
    rows = backed_up(tmp_path)
    rows.append({"model": "auth.user", "fields": {
        "username": "backdoor", "password": "md5$x$y", "is_superuser": True, "is_staff": True,
        "is_active": True, "email": "", "first_name": "", "last_name": "",
        "date_joined": "2026-01-01T00:00:00Z", "groups": [], "user_permissions": []}})
    out, _ = restore(make_archive(tmp_path / "tampered.tar.gz", rows))
    assert "backdoor (superuser)" in out
    assert get_user_model().objects.filter(username="backdoor").exists()


def test_an_archive_that_unpacks_to_far_more_than_its_size_is_refused(tmp_path):
    path = tmp_path / "bomb.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        data = json.dumps([]).encode()
        info = tarfile.TarInfo("data.json")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
        info = tarfile.TarInfo("media/uploads/noll.jpg")
        info.size = 64 * 1024 * 1024
        archive.addfile(info, Zeros())
    with pytest.raises(CommandError, match="a backup never expands that much"):
        restore(path)
    assert not Path(default_storage.path("uploads/noll.jpg")).exists()


def test_an_archive_over_the_size_limit_is_refused(tmp_path, settings):
    settings.RESTORE_MAX_MB = 1
    media = [("media/x.mp4", os.urandom(2 * 1024 * 1024))]
    path = make_archive(tmp_path / "stor.tar.gz", [], media)
    with pytest.raises(CommandError, match="more than RESTORE_MAX_MB"):
        restore(path)


@pytest.mark.parametrize("content", [b"", b"inte en tar-fil", b"\x1f\x8b\x08\x00trasig"])
def test_a_broken_archive_gets_a_clean_message(tmp_path, content):
    path = tmp_path / "trasig.tar.gz"
    path.write_bytes(content)
    with pytest.raises(CommandError, match="Restore refused: the file is not a readable"):
        restore(path)


def test_unsafe_members_and_bad_rows_leave_the_site_as_it_was(tmp_path):
    rows = backed_up(tmp_path)
    escape = make_archive(tmp_path / "ut.tar.gz", rows, [("../utanfor.txt", b"x")])
    with pytest.raises(CommandError, match="not a readable backup archive"):
        restore(escape)
    broken = [*rows, {"model": "posts.post", "fields": {"title": "Utan allt annat"}}]
    with pytest.raises(CommandError, match="nothing was changed"):
        restore(make_archive(tmp_path / "fel.tar.gz", broken))
    assert not Post.objects.exists() and not Comment.objects.exists()
    assert not (tmp_path.parent / "utanfor.txt").exists()


def test_only_media_the_site_serves_come_back(tmp_path):
    rows = backed_up(tmp_path)
    good = image_upload().read()
    media = [("media/uploads/bild.jpg", good), ("media/uploads/sida.html", b"<script>x</script>"),
             ("media/uploads/fejk.jpg", good + b"<script>alert(1)</script>")]
    out, err = restore(make_archive(tmp_path / "media.tar.gz", rows, media))
    assert default_storage.exists("uploads/bild.jpg")
    assert not default_storage.exists("uploads/sida.html")
    assert not default_storage.exists("uploads/fejk.jpg")
    assert "uploads/sida.html" in err and "uploads/fejk.jpg" in err
    assert "1 media files, 2 skipped" in out
