"""The media library: every uploaded image, how it came in, and where it is used.

One way in for a file, whether it is dropped into the editor, picked in the editor's
image dialog or uploaded on the library page: the same file (by its SHA-256) is
stored once and its alt text kept; anything else is re-encoded (``posts.images``)
before it is stored. Where an image is used is read from the texts and featured
images of posts and pages, in two queries per page of the library, so the writer
sees what deleting it would break.
"""

import hashlib
import logging
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.core.files.storage import default_storage
from django.db.models import Q

from . import images
from .models import UploadedImage, Writing

logger = logging.getLogger(__name__)


def file_digest(upload) -> str:
    hasher = hashlib.sha256()
    for chunk in upload.chunks():
        hasher.update(chunk)
    upload.seek(0)
    return hasher.hexdigest()


def clean_alt(text: str) -> str:
    longest = UploadedImage._meta.get_field("alt_text").max_length
    return " ".join((text or "").split())[:longest]


def receive(upload, alt: str, user) -> UploadedImage:
    """Store ``upload`` once: the image already kept under its digest, or a new one.

    Raises ``ValidationError`` for a file that is not an image we accept and ``OSError``
    when it cannot be written; nothing is stored then.
    """
    alt = clean_alt(alt)
    digest = file_digest(upload)
    known = UploadedImage.objects.filter(digest=digest).first()
    if known is not None:
        if alt and not known.alt_text:
            known.alt_text = alt
            known.save(update_fields=["alt_text"])
        return known
    clean = images.reencode(upload)
    record = UploadedImage(uploaded_by=user, alt_text=alt, digest=digest)
    sizes = images.store(clean, record.file.field.generate_filename(record, clean.name))
    record.file.name = sizes[-1].name
    record.width, record.height = sizes[-1].width, sizes[-1].height
    record.save()
    return record


def thumbnail_url(record: UploadedImage) -> str:
    small = images.rendition_name(record.file.name, images.RENDITION_WIDTHS[0])
    if record.width > images.RENDITION_WIDTHS[0] and not record.file.name.lower().endswith(".gif"):
        return default_storage.url(small)
    return default_storage.url(record.file.name)


@dataclass
class LibraryItem:
    image: UploadedImage
    thumbnail: str
    used_in: list = field(default_factory=list)


def with_usage(records) -> list[LibraryItem]:
    """Each image with its thumbnail and the posts and pages that show it."""
    items = [LibraryItem(record, thumbnail_url(record)) for record in records]
    names = {item.image.file.name: item for item in items}
    if not names:
        return items
    for model in Writing.__subclasses__():
        shows = reduce(or_, (Q(body__contains=name) for name in names))
        if "featured_image" in {f.name for f in model._meta.fields}:
            shows |= Q(featured_image__in=list(names))
        for writing in model.objects.filter(shows):
            for name, item in names.items():
                if name in writing.body or getattr(writing, "featured_image", None) == name:
                    item.used_in.append(writing)
    return items

