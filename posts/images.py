"""Image uploads: verify, re-encode and make resized renditions with Pillow.

Browsers and Django's ``ImageField`` trust too much: a GIF with HTML appended,
a JPEG carrying script in its EXIF, or an SVG can all pass a content-type or
extension check. Every uploaded image is therefore decoded by Pillow and saved
anew from its pixels, which drops anything that is not the image itself.
"""

import io
import os
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
EXTENSIONS = {"JPEG": {".jpg", ".jpeg", ".jpe"}, "PNG": {".png"}, "WEBP": {".webp"},
              "GIF": {".gif"}}
MARKUP_SIGNS = (b"<script", b"<html", b"<svg", b"<iframe", b"<body", b"<?php", b"javascript:",
                b"onerror=", b"onload=")
MAX_PIXELS = 40_000_000
RENDITION_WIDTHS = (480, 640, 960, 1440)
"""Widths of the smaller copies: a phone, the text column (35rem) once and twice."""
SIZES_ATTRIBUTE = "(max-width: 37rem) calc(100vw - 2rem), 35rem"
"""How wide an image in the text column is drawn: ``--column`` in ``static/css/site.css``."""
DISK_FULL = _("The image could not be saved (the disk may be full). Nothing was changed.")


@dataclass(frozen=True)
class Rendition:
    name: str
    width: int
    height: int

    @property
    def url(self):
        return default_storage.url(self.name)


def _open_verified(data):
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        image = Image.open(io.BytesIO(data))
        if image.format not in ALLOWED_FORMATS:
            raise ValidationError(
                _("Only JPEG, PNG, WebP and GIF images can be uploaded."), code="format"
            )
        if image.width * image.height > MAX_PIXELS:
            raise ValidationError(_("The image has too many pixels."), code="pixels")
        image.load()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as exc:
        raise ValidationError(
            _("The file is not a valid JPEG, PNG, WebP or GIF image."), code="invalid"
        ) from exc
    return image


def verified(data, name):
    """The decoded image in ``data``, if it is one the site serves under ``name``.

    Raises ``ValidationError`` if it cannot be decoded, is not an allowed format, has
    too many pixels, does not match the extension of ``name`` or also carries markup.
    """
    image = _open_verified(data)
    extension = os.path.splitext(name or "")[1].lower()
    if extension and extension not in EXTENSIONS[image.format]:
        raise ValidationError(
            _("The file's content (%(format)s) does not match its name.")
            % {"format": image.format}, code="mismatch",
        )
    if any(sign in data.lower() for sign in MARKUP_SIGNS):
        raise ValidationError(
            _("The image also contains web page code and was refused."), code="polyglot"
        )
    return image


def reencode(upload, max_side=None):
    """Return a ``ContentFile`` holding only the pixels of ``upload``, with a fresh name,
    no larger than ``max_side`` pixels either way when that is given.

    All metadata (EXIF, comments, text chunks, colour profiles) is dropped, since
    each can carry a payload; orientation is applied to the pixels first.

    Raises ``ValidationError`` with a message fit for the editor when the file is
    too large, is not one of the allowed formats, cannot be decoded, has a name
    that does not match its content, or also carries markup or script (a
    "polyglot", which some browsers could be tricked into running).
    """
    if upload.size is not None and upload.size > settings.IMAGE_UPLOAD_MAX_BYTES:
        limit = settings.IMAGE_UPLOAD_MAX_BYTES // (1024 * 1024)
        raise ValidationError(
            _("The image is too large (at most %(limit)s MB).") % {"limit": limit}, code="size"
        )
    upload.seek(0)
    data = upload.read()
    image = verified(data, upload.name)
    source_format = image.format
    image = ImageOps.exif_transpose(image)
    if max_side:
        image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    image.info = {k: v for k, v in image.info.items() if k == "transparency"}
    output = io.BytesIO()
    if source_format == "JPEG":
        image.convert("RGB").save(output, "JPEG", quality=88, optimize=True)
    elif source_format == "GIF":
        image.save(output, "GIF")
    else:
        image.save(output, source_format)
    stem = os.path.splitext(os.path.basename(upload.name or "bild"))[0][:40] or "bild"
    name = f"{stem}-{uuid.uuid4().hex[:8]}.{ALLOWED_FORMATS[source_format]}"
    return ContentFile(output.getvalue(), name=name)


def rendition_name(name, width):
    stem, ext = os.path.splitext(name)
    return f"renditions/{stem}-{width}w{ext}"


def make_renditions(name, storage=default_storage, widths=RENDITION_WIDTHS):
    """Write smaller copies of a stored image and return every size, original included."""
    with storage.open(name) as handle, Image.open(handle) as image:
        image.load()
        original = Rendition(name, image.width, image.height)
        if image.format == "GIF":
            return [original]
        renditions = []
        for width in widths:
            if width >= image.width:
                break
            height = round(image.height * width / image.width)
            resized = image.resize((width, height), Image.Resampling.LANCZOS)
            if image.format == "JPEG":
                resized = resized.convert("RGB")
            output = io.BytesIO()
            resized.save(output, image.format, quality=85)
            target = rendition_name(name, width)
            if storage.exists(target):
                storage.delete(target)
            storage.save(target, ContentFile(output.getvalue()))
            renditions.append(Rendition(target, width, height))
    return [*renditions, original]


def store(image, name, storage=default_storage):
    """Save a re-encoded ``image`` under ``name`` with its renditions; returns every size.

    A write that fails half-way (a full disk) removes what it already wrote and
    raises ``OSError``: no original without renditions is left behind.
    """
    stored = None
    try:
        stored = storage.save(name, image)
        return make_renditions(stored, storage)
    except OSError:
        if stored:
            discard(stored, storage)
        raise


def discard(name, storage=default_storage):
    """Delete a stored image and any renditions of it."""
    for target in [name, *(rendition_name(name, width) for width in RENDITION_WIDTHS)]:
        if storage.exists(target):
            storage.delete(target)


def srcset(renditions):
    return ", ".join(f"{r.url} {r.width}w" for r in renditions)


def describe(name, storage=default_storage):
    """Renditions of a stored image, smallest first, or ``None`` if it is not ours or is gone."""
    try:
        with storage.open(name) as handle, Image.open(handle) as image:
            width, height = image.size
    except (FileNotFoundError, UnidentifiedImageError, OSError, ValueError):
        return None
    found = [
        Rendition(rendition_name(name, w), w, round(height * w / width))
        for w in RENDITION_WIDTHS
        if w < width and storage.exists(rendition_name(name, w))
    ]
    return [*found, Rendition(name, width, height)]
