"""Backup and restore of the whole site: database content and uploaded media, in one file.

A backup is a ``.tar.gz`` holding ``data.json`` (every row, with natural keys,
from Django's ``dumpdata``) and ``media/`` (a copy of ``MEDIA_ROOT``). It works
the same on SQLite and PostgreSQL, so it also moves a site between them.
Restoring goes into a migrated database without posts, so a restore can never
silently mix with live content; media files are extracted with tarfile's
``data`` filter, which refuses absolute paths, links out and ``..``.
"""

import io
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

from posts import search
from posts.models import Post

EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "axes"]


class RestoreRefused(Exception):
    pass


def backup(target):
    """Write a backup to ``target``; returns the number of media files included."""
    data = io.StringIO()
    call_command("dumpdata", natural_foreign=True, natural_primary=True, exclude=EXCLUDED,
                 indent=1, stdout=data)
    encoded = data.getvalue().encode()
    media_root = Path(settings.MEDIA_ROOT)
    count = 0
    with tarfile.open(target, "w:gz") as archive:
        info = tarfile.TarInfo("data.json")
        info.size = len(encoded)
        archive.addfile(info, io.BytesIO(encoded))
        if media_root.is_dir():
            for path in sorted(media_root.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    archive.add(path, arcname=f"media/{path.relative_to(media_root)}")
                    count += 1
    return count


def restore(source):
    """Load a backup into this (empty) database and media folder.

    Search documents are computed afresh: a backup taken on SQLite has none.
    """
    if Post.objects.exists():
        raise RestoreRefused("the database already has posts; restore into an empty one")
    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(source, "r:gz") as archive, tempfile.TemporaryDirectory() as work:
        members = archive.getmembers()
        if "data.json" not in {member.name for member in members}:
            raise RestoreRefused("the file is not a backup of this site (no data.json)")
        archive.extractall(work, filter="data")
        with transaction.atomic():
            call_command("loaddata", str(Path(work) / "data.json"), verbosity=0)
            _reset_sequences()
            search.index(Post.objects.all())
        media = Path(work) / "media"
        count = 0
        if media.is_dir():
            for path in media.rglob("*"):
                if path.is_file():
                    destination = media_root / path.relative_to(media)
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    destination.write_bytes(path.read_bytes())
                    count += 1
    return count


def _reset_sequences():
    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
