"""Downloading the old site's media (``import_wordpress --fetch-media``).

For a blog whose ``wp-content/uploads`` folder nobody can copy (WordPress.com, a
host that is gone tomorrow), each file the posts use is downloaded from its old
address, as WordPress's own importer does. Downloads are bounded: a timeout per
request, a size limit by kind (the same as for uploads), only the extensions the
site serves, and no addresses on this machine or the private network (unless
``allow_private``), redirects included, so an export cannot make the server
fetch from inside. Files land in ``folder`` under their upload path; a second run
finds them there and downloads nothing again.
"""

import ipaddress
import socket
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

from posts.media_types import IMAGE_TYPES, INLINE_TYPES

TIMEOUT_SECONDS = 20
CHUNK = 64 * 1024


class Refused(Exception):
    pass


def _check_host(url, allow_private):
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise Refused(f"not a web address: {url}")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443)
    except OSError as error:
        raise Refused(f"cannot find {parts.hostname}: {error}") from error
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise Refused(f"{parts.hostname} is a local or private address "
                          "(use --allow-private-addresses to fetch from it)")


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, allow_private):
        self.allow_private = allow_private

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        _check_host(newurl, self.allow_private)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class Fetcher:
    def __init__(self, folder, allow_private=False):
        self.folder = Path(folder).resolve()
        self.allow_private = allow_private
        self.opener = urllib.request.build_opener(_CheckedRedirects(allow_private))

    def fetch(self, url, relative):
        """The local copy of ``url`` (stored as ``relative``); raises ``Refused`` with why."""
        target = (self.folder / relative).resolve()
        if self.folder not in target.parents:
            raise Refused(f"unsafe file name {relative}")
        extension = target.suffix.lower()
        if extension not in INLINE_TYPES:
            raise Refused(f"{extension or 'no extension'} is not a kind of file the site serves")
        if target.is_file():
            return target
        limit = (settings.IMAGE_UPLOAD_MAX_BYTES if extension in IMAGE_TYPES
                 else settings.MEDIA_UPLOAD_MAX_BYTES)
        _check_host(url, self.allow_private)
        partial = target.with_name(target.name + ".part")
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with self.opener.open(url, timeout=TIMEOUT_SECONDS) as response, \
                    partial.open("wb") as out:
                size = 0
                for chunk in iter(lambda: response.read(CHUNK), b""):
                    size += len(chunk)
                    if size > limit:
                        raise Refused(f"larger than {limit // (1024 * 1024)} MB")
                    out.write(chunk)
            partial.replace(target)
        except (urllib.error.URLError, OSError, ValueError) as error:
            raise Refused(f"download failed: {error}") from error
        finally:
            partial.unlink(missing_ok=True)
        return target
