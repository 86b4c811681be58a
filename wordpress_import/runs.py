"""A WordPress import from the admin: checked on upload, run by the worker, undone whole.

Upload: the file is kept in the ``imports`` storage (never among the public media)
and read once without writing anything, for what it holds (posts, pages, comments,
images, old links). A file that is not an export, too large, or unreadable is
refused with the reason, and nothing is kept. Start: the run is queued for the
worker (``tasks.run_import``); one import at a time. The worker reports progress
in the cache (the run itself is one transaction, invisible until it commits), so
the page shows how far it has come after any reload. Everything the import made is
one batch (``batches``), so *undo* takes it back as a unit.
"""

import contextlib
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import transaction
from django.utils.translation import gettext as _

from posts.media_types import IMAGE_TYPES

from . import batches, wxr
from .models import ImportRun


def storage():
    return storages["imports"]


def _progress_key(run):
    return f"wordpress-import:{run.pk}:progress"


def scan(path):
    """What the export at ``path`` holds; raises ``wxr.WXRError`` when it is no export."""
    found = {"posts": 0, "pages": 0, "comments": 0, "images": 0, "links": 0, "total": 0,
             "title": "", "site": ""}
    for kind, data in wxr.read(path):
        if kind == "channel":
            fields = data["fields"]
            if not fields.get("wp:wxr_version"):
                raise wxr.WXRError("no wp:wxr_version")
            found["title"] = (fields.get("title") or "").strip()[:200]
            found["site"] = (fields.get("wp:base_site_url") or fields.get("link") or "").strip()
            continue
        found["total"] += 1
        post_type = data.get("wp:post_type") or "post"
        if post_type == "attachment":
            url = data.get("wp:attachment_url")
            found["images"] += Path(url.split("?")[0]).suffix.lower() in IMAGE_TYPES
        elif post_type in {"post", "page"} and data.get("wp:status") not in {"trash",
                                                                          "auto-draft"}:
            found["posts" if post_type == "post" else "pages"] += 1
            found["links"] += bool(data.get("link"))
            found["comments"] += len(data.comments)
    if not found["total"] and not found["site"]:
        raise wxr.WXRError("no WordPress items")
    return found


def local_copy(run):
    """The export as a file on this machine (the storage may be a shared bucket)."""
    handle = tempfile.NamedTemporaryFile(suffix=".xml", delete=False)  # noqa: SIM115
    with handle, storage().open(run.file_name, "rb") as source:
        for chunk in iter(lambda: source.read(1024 * 1024), b""):
            handle.write(chunk)
    return Path(handle.name)


def busy():
    return ImportRun.objects.filter(state__in=ImportRun.ACTIVE).exists()


def create(upload, user, fetch_media=True):
    """Keep and check an uploaded export; raises ``ValidationError`` (and keeps nothing)."""
    if busy():
        raise ValidationError(_("An import is already running. Wait until it is done."))
    if upload.size > settings.WORDPRESS_IMPORT_MAX_BYTES:
        raise ValidationError(_("The file is too large (%(size)d MB; at most %(limit)d MB).")
                              % {"size": upload.size // 2**20,
                                 "limit": settings.WORDPRESS_IMPORT_MAX_BYTES // 2**20})
    name = storage().save("wordpress-export.xml", upload)
    run = ImportRun(created_by=user, file_name=name, original_name=upload.name[:300],
                    size=upload.size, fetch_media=fetch_media)
    path = local_copy(run)
    try:
        run.contents = scan(path)
    except (wxr.WXRError, OSError, ValueError) as error:
        storage().delete(name)
        raise ValidationError(_("“%(name)s” cannot be read as a WordPress export: %(reason)s. "
                                "Nothing was imported.")
                              % {"name": upload.name, "reason": error}) from error
    finally:
        path.unlink(missing_ok=True)
    run.site_url = run.contents["site"][:500]
    run.save()
    return run


def start(run):
    """Queue ``run`` for the worker, once the queueing commits; refuses a second import
    (``ValidationError``)."""
    from .tasks import run_import

    with transaction.atomic():
        if busy():
            raise ValidationError(_("An import is already running. Wait until it is done."))
        locked = ImportRun.objects.select_for_update().get(pk=run.pk)
        if locked.state != ImportRun.State.CHECKED:
            raise ValidationError(_("This import has already been started."))
        locked.state = ImportRun.State.QUEUED
        locked.save(update_fields=["state"])
        transaction.on_commit(lambda: run_import.enqueue(run.pk))
    return locked


def progress(run):
    """``{"items": n, "media": m}`` read so far by the worker."""
    found = None
    with contextlib.suppress(Exception):
        found = cache.get(_progress_key(run))
    return found or {"items": 0, "media": 0}


def report_progress(run, **values):
    with contextlib.suppress(Exception):
        cache.set(_progress_key(run), {**progress(run), **values}, 24 * 3600)


def undo(run):
    """Take back everything ``run`` made, but what the owner changed since; returns
    ``(removed, kept)``."""
    if run.state != ImportRun.State.DONE:
        raise ValidationError(_("Only a finished import can be undone."))
    removed, kept = batches.undo(run.batch, files=run.files)
    run.state = ImportRun.State.UNDONE
    run.save(update_fields=["state"])
    return removed, kept


def remaining(run):
    """How many of the objects ``run`` made are still on the site."""
    return batches.remaining(run.batch) if run.state == ImportRun.State.DONE else 0
