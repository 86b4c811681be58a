"""Downloading the old site's media (``import_wordpress --fetch-media``).

For a blog whose ``wp-content/uploads`` folder nobody can copy (WordPress.com, a
host that is gone tomorrow), each file the posts use is downloaded from its old
address, as WordPress's own importer does. An export is untrusted input, so every
download is bounded:

* each host name is resolved once, the addresses checked, and the connection made
  to the checked address, never one on this machine or the private network (unless
  ``allow_private``): ``core.outbound``, the guard every request to another server
  goes through; redirects go through the same check;
* a timeout per read and a wall-clock deadline per file, so a server dribbling a
  byte every few seconds cannot hold the import;
* a size limit by kind (the same as for uploads) and only the extensions the site
  serves; what arrives then goes through the same content checks as an upload
  (``media``).

Files land in ``folder`` under their upload path; a second run finds them there and
downloads nothing again.
"""

import http.client
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from django.conf import settings

from core.outbound import PinnedHTTP, PinnedHTTPS, Refused, checked_address
from posts.media_types import IMAGE_TYPES, INLINE_TYPES

__all__ = ["Fetcher", "Refused"]

TIMEOUT_SECONDS = 20
DEADLINE_SECONDS = 300
MAX_REDIRECTS = 5
CHUNK = 64 * 1024


class Fetcher:
    def __init__(self, folder, allow_private=False, deadline=DEADLINE_SECONDS, on_file=None):
        """``on_file(n)`` is told after each file, fetched, found from an earlier run or
        refused, so a long import can show how far it has come."""
        self.folder = Path(folder).resolve()
        self.allow_private = allow_private
        self.deadline = deadline
        self.on_file = on_file or (lambda count: None)
        self.files = 0

    def fetch(self, url, relative):
        """The local copy of ``url`` (stored as ``relative``); raises ``Refused`` with why."""
        try:
            return self._fetch(url, relative)
        finally:
            self.files += 1
            self.on_file(self.files)

    def _fetch(self, url, relative):
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
        partial = target.with_name(target.name + ".part")
        target.parent.mkdir(parents=True, exist_ok=True)
        ends = time.monotonic() + self.deadline
        try:
            connection, response = self._open(url, ends)
            try:
                self._save(connection, response, partial, limit, ends)
            finally:
                connection.close()
            partial.replace(target)
        except (http.client.HTTPException, OSError, ValueError) as error:
            if time.monotonic() >= ends:
                raise Refused("took longer than the deadline for one file") from error
            raise Refused(f"download failed: {error}") from error
        finally:
            partial.unlink(missing_ok=True)
        return target

    def _open(self, url, ends):
        for _ in range(MAX_REDIRECTS + 1):
            parts = urlsplit(url)
            if parts.scheme not in {"http", "https"} or not parts.hostname:
                raise Refused(f"not a web address: {url}")
            secure = parts.scheme == "https"
            port = parts.port or (443 if secure else 80)
            try:
                address = checked_address(parts.hostname, port, self.allow_private)
            except Refused as error:
                raise Refused(f"{error} (use --allow-private-addresses to fetch from it)") \
                    from error
            kind = PinnedHTTPS if secure else PinnedHTTP
            connection = kind(parts.hostname, port, address, _timeout(ends))
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            connection.request("GET", path, headers={"User-Agent": "huddinge_site importer"})
            response = connection.getresponse()
            location = response.getheader("Location")
            if response.status in {301, 302, 303, 307, 308} and location:
                connection.close()
                url = urljoin(url, location)
                continue
            if response.status != 200:
                connection.close()
                raise Refused(f"the old site answered {response.status} {response.reason}")
            return connection, response
        raise Refused(f"more than {MAX_REDIRECTS} redirects")

    def _save(self, connection, response, partial, limit, ends):
        size = 0
        with partial.open("wb") as out:
            while True:
                connection.pinned.settimeout(_timeout(ends))
                chunk = response.read1(CHUNK)
                if not chunk:
                    return
                size += len(chunk)
                if size > limit:
                    raise Refused(f"larger than {limit // (1024 * 1024)} MB")
                out.write(chunk)


def _timeout(ends):
    """The timeout for the next wait: the per-read one, cut short by the file's deadline."""
    left = ends - time.monotonic()
    if left <= 0:
        raise Refused("took longer than the deadline for one file")
    return min(TIMEOUT_SECONDS, left)
