"""Copying files from a WordPress uploads folder, or the old site, into our media storage.

Files are found by the part of their URL after ``/wp-content/uploads/`` (or after
the host on WordPress.com's ``*.files.wordpress.com``), in the ``--media-dir``
folder first, then, with ``--fetch-media``, downloaded (``fetch``). Each
is stored under ``wordpress/`` with that same relative path, so running the
import again finds the copy it made before instead of making another. Images
are re-encoded like every upload; audio and video are copied as they are, if
their extension is one we play and their content passes the upload's checks (a
file whose first bytes are not what its extension promises, or carry markup, is
left out and reported).
"""

import html
import re
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from posts import images
from posts.media_files import validate_media_file
from posts.media_types import AUDIO_TYPES, IMAGE_TYPES, VIDEO_TYPES
from posts.models import Embed, UploadedImage

from . import fetch

UPLOADS_URL = re.compile(
    r"""https?://(?:[^\s"'<>()]+?/wp-content/uploads|[\w-]+\.files\.wordpress\.com)/"""
    r"""([^\s"'<>()?#]+)""")


_SITE_RELATIVE = re.compile(r"""(["'(=\s])(/wp-content/uploads/)""")
_IMG = re.compile(r"(<a\b[^>]*>\s*)?(<img\b[^>]*>)(\s*</a>)?", re.IGNORECASE)
"""An image, with the link around it (WordPress links an image to its full size)."""


def _attribute(tag, name):
    found = re.search(rf"""\b{name}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", tag,
                      re.IGNORECASE)
    return html.unescape(next(group for group in found.groups() if group is not None)) \
        if found else ""


class MediaCopier:
    site = ""

    def __init__(self, media_dir, report, fetcher=None):
        self.media_dir = Path(media_dir).resolve() if media_dir else None
        self.fetcher = fetcher
        self.report = report
        self.saved = []
        self._urls = {}

    def _source(self, relative, url=None):
        if self.media_dir is not None:
            path = (self.media_dir / relative).resolve()
            if self.media_dir in path.parents and path.is_file():
                return path
        if self.fetcher is None or not url:
            return None
        try:
            return self.fetcher.fetch(url, relative)
        except fetch.Refused as error:
            self.report.warn(f"{url}: {error}")
            return None

    @property
    def _looked(self):
        return self.media_dir is not None or self.fetcher is not None

    def image_name(self, relative, url=None):
        """Our storage name for an uploaded image, copying it on first use, or ``None``."""
        existing = UploadedImage.objects.filter(import_ref=relative).first()
        if existing:
            return existing.file.name
        source = self._source(relative, url)
        if source is None:
            self.report.missing(relative, self._looked)
            return None
        if source.suffix.lower() not in IMAGE_TYPES:
            return None
        with source.open("rb") as handle:
            try:
                clean = images.reencode(File(handle, name=source.name))
            except ValidationError as error:
                self.report.warn(f"{relative}: {' '.join(error.messages)}")
                return None
        target = f"wordpress/{Path(relative).with_suffix(Path(clean.name).suffix)}"
        name = default_storage.save(target, clean)
        self.saved.append(name)
        sizes = images.make_renditions(name)
        self.saved.extend(size.name for size in sizes[:-1])
        UploadedImage.objects.create(file=name, width=sizes[-1].width, height=sizes[-1].height,
                                     import_ref=relative)
        self.report.count("attachments", "copied")
        return name

    @staticmethod
    def url(name):
        return default_storage.url(name)

    def rewrite(self, body):
        """Point upload URLs in ``body`` at our copies where we have them (an old-site
        path with no host is read on the old site, ``site``); an image we have no copy
        of, from the old site or one the post showed from another site, becomes a link
        to its address, named by its alt text, never a gap (the security policy shows
        no image from another site)."""
        if self.site:
            body = _SITE_RELATIVE.sub(lambda m: m[1] + self.site + m[2], body)

        def replace(match):
            url, relative = match.group(0), match.group(1)
            if url not in self._urls:
                name = self.image_name(relative, url) if _is_image(relative) else None
                self._urls[url] = default_storage.url(name) if name else url
            return self._urls[url]

        return _IMG.sub(self._unfetched_as_link, UPLOADS_URL.sub(replace, body))

    def _unfetched_as_link(self, match):
        """An image we cannot show becomes a link named by its alt text: to where its own
        link pointed, or to the image."""
        image = match.group(2)
        src = _attribute(image, "src")
        if (src.startswith("/") and not src.startswith("//")) or src.startswith("data:"):
            return match.group(0)
        old_site = UPLOADS_URL.match(src) or (self.site and src.startswith(self.site + "/"))
        alt = _attribute(image, "alt") or _("Image")
        if old_site:
            self.report.warn(f"{src}: not copied; shown as a link to the old address")
        else:
            self.report.warn(f"{src}: an image from another site; shown as a link, since "
                             "the site loads nothing from other sites")
        opening, closing = match.group(1) or "", match.group(3) or ""
        if opening or closing:
            return f"{opening}{html.escape(alt)}{closing}"
        return f'<a href="{html.escape(src)}">{html.escape(alt)}</a>'

    def embed(self, post, source_url):
        """Attach an ``[audio]``/``[video]`` source to ``post`` as embedded media, once."""
        match = UPLOADS_URL.match(source_url)
        source = self._source(match.group(1), source_url) if match else None
        if source and source.suffix.lower() in AUDIO_TYPES | VIDEO_TYPES:
            name = f"wordpress/{match.group(1)}"
            if not default_storage.exists(name):
                with source.open("rb") as handle:
                    try:
                        validate_media_file(File(handle), source.suffix.lower())
                    except ValidationError as error:
                        self.report.warn(f"{match.group(1)}: {' '.join(error.messages)}")
                        Embed.objects.get_or_create(post=post, url=source_url)
                        return
                    name = default_storage.save(name, File(handle))
                self.saved.append(name)
            Embed.objects.get_or_create(post=post, file=name)
            return
        if match:
            self.report.missing(match.group(1), self._looked)
        Embed.objects.get_or_create(post=post, url=source_url)

    def discard(self):
        """Remove every file this run stored (after a rollback or a dry run)."""
        for name in self.saved:
            default_storage.delete(name)
        self.saved.clear()


def relative_upload(url):
    match = UPLOADS_URL.match(url or "")
    return match.group(1) if match else None


def _is_image(relative):
    return Path(relative).suffix.lower() in IMAGE_TYPES
