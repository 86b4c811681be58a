"""Work that can be taken back as one unit: one WordPress import, the demo content.

Inside ``recording(batch)`` every post, page, comment, term, image, press link,
clip and identity that is created is noted (``MadeObject``) with a digest of the
fields a writer would change. ``undo(batch)`` deletes those objects, except any the
owner has rewritten since, a post with the owner's comment under it, a comment with
their reply, or a category or tag one of their posts is filed under: nothing the
owner wrote is ever removed with a batch.
"""

import hashlib
import json
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_save

from comments.models import Comment
from core.models import MadeObject, SiteIdentity
from pages.models import Page
from posts.models import Category, Embed, Post, PressLink, Tag, UploadedImage

WRITTEN_FIELDS = {  # in the order of undoing: terms after the posts filed under them
    Comment: ("author_name", "author_email", "body"),
    PressLink: ("title", "url"),
    Embed: ("url", "caption"),
    Post: ("title", "body", "excerpt"),
    Page: ("title", "body"),
    Category: ("name",),
    Tag: ("name",),
    UploadedImage: ("alt_text",),
    SiteIdentity: ("site_name", "tagline", "person_name", "role", "bio"),
}
"""What a batch may make, in the order it is undone (a term is looked at once the posts
it may lose are gone: it stays while any post is filed under it), and the fields whose
change makes an object the owner's."""

FILE_FIELDS = {Post: ("featured_image",), Embed: ("file", "poster"),
               UploadedImage: ("file",), SiteIdentity: ("portrait", "site_icon")}


def _digest(instance):
    values = [str(getattr(instance, name)) for name in WRITTEN_FIELDS[type(instance)]]
    return hashlib.sha256(json.dumps(values).encode()).hexdigest()


@contextmanager
def recording(batch):
    """Note every object of the kinds above created inside the block as ``batch``'s."""
    made = []

    def remember(sender, instance, created, raw=False, **kwargs):
        if created and not raw and type(instance) in WRITTEN_FIELDS:
            made.append(instance)

    uid = f"batches.recording.{batch}"
    post_save.connect(remember, weak=False, dispatch_uid=uid)
    try:
        yield
    finally:
        post_save.disconnect(dispatch_uid=uid)
    for instance in made:
        try:
            instance.refresh_from_db()
        except instance.DoesNotExist:
            continue
        MadeObject.objects.get_or_create(
            batch=batch, content_type=ContentType.objects.get_for_model(instance),
            object_id=str(instance.pk), defaults={"digest": _digest(instance)})


def _recorded(batch, model):
    records = MadeObject.objects.filter(batch=batch,
                                        content_type=ContentType.objects.get_for_model(model))
    by_pk = {record.object_id: record for record in records}
    return [(instance, by_pk[str(instance.pk)])
            for instance in model.objects.filter(pk__in=list(by_pk))]


def unchanged(batch, instance):
    """Whether ``instance`` is ``batch``'s and still as the batch made it."""
    record = MadeObject.objects.filter(
        batch=batch, content_type=ContentType.objects.get_for_model(instance),
        object_id=str(instance.pk)).first()
    return record is not None and record.digest == _digest(instance)


def _owners_own(instance, record, made):
    if _digest(instance) != record.digest:
        return True
    if isinstance(instance, Category | Tag):
        return instance.posts.exists()
    if isinstance(instance, Comment):
        return instance.replies.exclude(pk__in=made[Comment]).exists()
    if isinstance(instance, Post):
        return instance.comments.exclude(pk__in=made[Comment]).exists()
    return False


def made_ids(batch, model):
    """The ids of the ``model`` objects ``batch`` made (strings, as recorded)."""
    return list(MadeObject.objects.filter(
        batch=batch, content_type=ContentType.objects.get_for_model(model),
    ).values_list("object_id", flat=True))


def remaining(batch):
    """How many of ``batch``'s objects are still on the site."""
    return sum(len(_recorded(batch, model)) for model in WRITTEN_FIELDS)


@transaction.atomic
def undo(batch, files=()):
    """Delete ``batch``'s objects but the owner's (and the storage ``files`` it wrote);
    returns ``(removed, kept)``."""
    made = {model: made_ids(batch, model) for model in (Post, Comment)}
    removed = kept = 0
    gone = list(files)
    for model in WRITTEN_FIELDS:
        for instance, record in _recorded(batch, model):
            if _owners_own(instance, record, made):
                kept += 1
                continue
            gone.extend(getattr(instance, name).name for name in FILE_FIELDS.get(model, ())
                        if getattr(instance, name))
            instance.delete()
            removed += 1
    MadeObject.objects.filter(batch=batch).delete()
    transaction.on_commit(lambda: _delete_files(gone))
    return removed, kept


def _delete_files(names):
    from django.core.files.storage import default_storage

    for name in names:
        default_storage.delete(name)
