"""The guard on every request this site makes to another server.

Addresses to fetch come from outside (an export's image addresses, a remote
server's actor or key address), so a request could be steered at this machine or
the private network behind it (SSRF). Each host name is resolved once, every
address it has checked, and the connection made to the checked address, so a name
that answers differently the second time (DNS rebinding) cannot steer it inside.
Refused: addresses on this machine or the private network, including IPv6 forms
that carry such an IPv4 address (``::ffff:127.0.0.1``, ``::127.0.0.1``, NAT64
``64:ff9b::7f00:1``, 6to4, Teredo), unless the caller allows private addresses
(tests, and an import from a server on the same network the owner asked for).
"""

import http.client
import ipaddress
import socket
import ssl

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
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    if not allow_private and not all(is_public(address) for address in addresses):
        raise Refused(f"{host} is a local or private address")
    return str(addresses[0])


class PinnedHTTP(http.client.HTTPConnection):
    """A connection to ``address``, whatever ``host`` would resolve to now; ``pinned`` is
    its socket, kept after ``http.client`` lets go of it for a closing response."""

    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self):
        self.sock = self.pinned = socket.create_connection((self.address, self.port),
                                                           self.timeout)


class PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host, port, address, timeout):
        self.tls = ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=self.tls)
        self.address = address

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self.pinned = self.tls.wrap_socket(sock, server_hostname=self.host)
