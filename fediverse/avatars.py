"""Repliers' pictures, kept here: a reader's browser never asks another server for one
(nothing third-party loads), and a picture is decoded and saved anew from its pixels
like every upload (``posts.images``), small. A picture that cannot be fetched or read
is simply left out."""

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, UnidentifiedImageError

from posts import images

from . import remote

SIDE = 96
MAX_BYTES = 2 * 1024 * 1024


def _icon_url(document):
    icon = document.get("icon")
    if isinstance(icon, list):
        icon = icon[0] if icon else None
    if isinstance(icon, dict):
        icon = icon.get("url")
    if isinstance(icon, dict):
        icon = icon.get("href")
    return icon if isinstance(icon, str) else ""


def _download(url):
    status, data = remote.exchange(url, limit=MAX_BYTES)
    if status != 200 or len(data) > MAX_BYTES:
        raise remote.Unusable(f"{url} gave no usable picture")
    return data


def keep(document):
    """The stored name of the actor's picture, or ``""``."""
    url = _icon_url(document)
    if not url:
        return ""
    try:
        data = _download(url)
        kind = Image.open(io.BytesIO(data)).format
        extension = images.ALLOWED_FORMATS[kind]
        small = images.reencode(ContentFile(data, name=f"avatar.{extension}"), SIDE)
    except (remote.Unusable, OSError, KeyError, UnidentifiedImageError, ValidationError):
        return ""
    return default_storage.save(f"avatars/{small.name}", small)
