"""Downloading the old site's media (``import_wordpress --fetch-media``).

For a blog whose ``wp-content/uploads`` folder nobody can copy (WordPress.com, a
host that is gone tomorrow), each file the posts use is downloaded from its old
address, as WordPress's own importer does. An export is untrusted input, so every
download is bounded:

* each host name is resolved once, the addresses checked, and the connection made
  to the checked address (a name that answers differently the second time, DNS
  rebinding, cannot steer it inside); redirects go through the same check;
* no addresses on this machine or the private network (unless ``allow_private``),
  including IPv6 forms that carry such an IPv4 address (``::ffff:127.0.0.1``,
  ``::127.0.0.1``, NAT64 ``64:ff9b::7f00:1``, 6to4, Teredo);
* a timeout per read and a wall-clock deadline per file, so a server dribbling a
  byte every few seconds cannot hold the import;
* a size limit by kind (the same as for uploads) and only the extensions the site
  serves; what arrives then goes through the same content checks as an upload
  (``media``).

Files land in ``folder`` under their upload path; a second run finds them there and
downloads nothing again.
"""

import http.client
import ipaddress
import socket
import ssl
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from django.conf import settings

from posts.media_types import IMAGE_TYPES, INLINE_TYPES

TIMEOUT_SECONDS = 20
DEADLINE_SECONDS = 300
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


class Refused(Exception):
    pass


def embedded_ipv4(address):
    """The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4, Teredo)."""
    if address.version != 6:
        return None
    if address.ipv4_mapped or address.sixtofour:
        return address.ipv4_mapped or address.sixtofour
    if address.teredo:
        return address.teredo[1]
    if int(address) >> 32 == 0 or any(address in network for network in _NAT64):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_public(address):
    """Whether ``address`` (an ``ipaddress`` object) is on the public internet."""
    inner = embedded_ipv4(address)
    return address.is_global and (inner is None or inner.is_global)


def checked_address(host, port, allow_private):
    """The one address ``host`` is reached at, resolved once; raises ``Refused``."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as error:
        raise Refused(f"cannot find {host}: {error}") from error
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    if not allow_private and not all(is_public(address) for address in addresses):
        raise Refused(f"{host} is a local or private address "
                      "(use --allow-private-addresses to fetch from it)")
    return str(addresses[0])


class _PinnedHTTP(http.client.HTTPConnection):
    """A connection to ``address``, whatever ``host`` would resolve to now; ``pinned`` is
    its socket, kept after ``http.client`` lets go of it for a closing response."""

    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self):
        self.sock = self.pinned = socket.create_connection((self.address, self.port),
                                                           self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self.pinned = self._context.wrap_socket(sock, server_hostname=self.host)


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
            address = checked_address(parts.hostname, port, self.allow_private)
            kind = _PinnedHTTPS if secure else _PinnedHTTP
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
