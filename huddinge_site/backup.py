"""Backup and restore of the whole site: database content and uploaded media, in one file.

A backup is a ``.tar.gz`` holding ``data.json`` (every row, with natural keys,
from Django's ``dumpdata``) and ``media/`` (every file in the media storage, read
through the storage API, so a shared bucket is backed up whole, not one server's
folder). It works the same on SQLite and PostgreSQL, so it also moves a site
between them. It holds
password hashes and commenters' addresses, so it is written readable by its owner only.

A restore trusts the archive no more than an upload, since a backup may have been
kept somewhere an attacker could touch:

* it goes into a migrated database without posts, in one transaction, so it can
  never mix with live content and a failure leaves the database as it was;
* sizes are checked before anything is unpacked (``RESTORE_MAX_MB`` in all, and no
  archive that expands more than ``MAX_EXPANSION`` times), and tar errors and unsafe
  members (absolute paths, links out, ``..``: tarfile's ``data`` filter) become a
  plain refusal;
* every post, page and comment is rendered and sanitized afresh from its text, so
  stored HTML in the archive never reaches a page;
* only media files the site serves are restored, each checked as an upload is;
* the accounts it brings are reported, so an unknown superuser cannot slip in.
"""

import io
import os
import tarfile
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DatabaseError, connection, transaction

from posts import images
from posts.media_files import validate_media_file
from posts.media_types import IMAGE_TYPES, INLINE_TYPES
from posts.models import Post

from . import rerender

EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "axes"]
MAX_EXPANSION = 100
MB = 1024 * 1024


class RestoreRefused(Exception):
    pass


@dataclass
class Restored:
    media: int = 0
    skipped: list = field(default_factory=list)
    accounts: list = field(default_factory=list)


def backup(target):
    """Write a backup to ``target`` (mode 0600); returns the number of media files included."""
    data = io.StringIO()
    call_command("dumpdata", natural_foreign=True, natural_primary=True, exclude=EXCLUDED,
                 indent=1, stdout=data)
    encoded = data.getvalue().encode()
    count = 0
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)
    with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
        info = tarfile.TarInfo("data.json")
        info.size = len(encoded)
        archive.addfile(info, io.BytesIO(encoded))
        for name in sorted(_media_names()):
            with default_storage.open(name) as handle:
                info = tarfile.TarInfo(f"media/{name}")
                info.size = default_storage.size(name)
                archive.addfile(info, handle)
            count += 1
    return count


def _media_names(folder=""):
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    prefix = f"{folder}/" if folder else ""
    for name in files:
        if not name.startswith(".upload-"):
            yield prefix + name
    for sub in folders:
        yield from _media_names(prefix + sub)


def restore(source):
    """Load a backup into this (empty) database and media folder; see the module's rules."""
    if Post.objects.exists():
        raise RestoreRefused("the database already has posts; restore into an empty one")
    result = Restored()
    try:
        with tarfile.open(source, "r:gz") as archive, tempfile.TemporaryDirectory() as work:
            _check_sizes(archive.getmembers(), Path(source).stat().st_size)
            archive.extractall(work, filter="data")
            _load(Path(work) / "data.json")
            result.accounts = _accounts()
            _copy_media(Path(work) / "media", result)
    except (tarfile.TarError, EOFError, zlib.error) as error:
        raise RestoreRefused(f"the file is not a readable backup archive ({error})") from error
    return result


def _check_sizes(members, archive_size):
    limit = settings.RESTORE_MAX_MB * MB
    if not any(m.name == "data.json" and m.isfile() for m in members):
        raise RestoreRefused("the file is not a backup of this site (no data.json)")
    total = sum(member.size for member in members if member.isfile())
    if total > limit:
        raise RestoreRefused(f"it unpacks to {total // MB} MB, more than RESTORE_MAX_MB "
                             f"({settings.RESTORE_MAX_MB} MB)")
    if total > MB and total > MAX_EXPANSION * archive_size:
        raise RestoreRefused(f"it unpacks to {total // MB} MB from {archive_size // 1024} KB; "
                             "a backup never expands that much")


def _load(data_file):
    try:
        with transaction.atomic():
            call_command("loaddata", str(data_file), verbosity=0)
            _reset_sequences()
            rerender.render_everything()
    except rerender.InvalidAddress as error:
        raise RestoreRefused(str(error)) from error
    except (DatabaseError, ValidationError, ValueError, LookupError) as error:
        raise RestoreRefused(f"data.json could not be loaded ({error}); nothing was changed") \
            from error


def _accounts():
    users = get_user_model().objects.filter(is_staff=True).order_by("username")
    return [(user.get_username(), user.is_superuser) for user in users]


def _copy_media(media, result):
    if not media.is_dir():
        return
    for path in sorted(media.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(media)
        data = path.read_bytes()
        try:
            _check_media(data, relative.name)
        except ValidationError as error:
            result.skipped.append(f"{relative}: {' '.join(error.messages)}")
            continue
        name = relative.as_posix()
        if default_storage.exists(name):
            default_storage.delete(name)
        default_storage.save(name, ContentFile(data))
        result.media += 1


def _check_media(data, name):
    extension = os.path.splitext(name)[1].lower()
    if extension not in INLINE_TYPES:
        raise ValidationError("not a kind of file the site serves")
    if extension in IMAGE_TYPES:
        images.verified(data, name)
    else:
        validate_media_file(ContentFile(data, name=name), extension)


def _reset_sequences():
    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
