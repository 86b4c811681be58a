"""Reading other servers: actors and their keys, through ``core.outbound``'s guard.

An actor's address comes from an activity someone sent, so it is untrusted: it is
fetched with the same guard as the importer (no local or private address unless
``FEDIVERSE_ALLOW_PRIVATE``), a short timeout and a size limit, and only an actor
whose key names it as owner is kept. A key is refetched when a signature fails with
the copy kept here (the actor may have rotated it) and after ``FRESH``.
"""

import json
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from core.outbound import PinnedHTTP, PinnedHTTPS, Refused, checked_address

from .models import RemoteActor

TIMEOUT_SECONDS = 5
MAX_BYTES = 1024 * 1024
FRESH = timedelta(days=1)
ACCEPT = 'application/activity+json, application/ld+json; profile="https://www.w3.org/ns/activitystreams"'


class Unusable(Exception):
    pass


def _allow_private():
    return settings.FEDIVERSE_ALLOW_PRIVATE


def connection_for(url):
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise Unusable(f"not a web address: {url}")
    if parts.scheme == "http" and not _allow_private():
        raise Unusable(f"not a secure address: {url}")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        address = checked_address(parts.hostname, port, _allow_private())
    except Refused as error:
        raise Unusable(str(error)) from error
    kind = PinnedHTTPS if parts.scheme == "https" else PinnedHTTP
    path = parts.path or "/"
    return kind(parts.hostname, port, address, TIMEOUT_SECONDS), \
        path + (f"?{parts.query}" if parts.query else "")


def exchange(url, method="GET", headers=None, body=None, limit=MAX_BYTES, sign=None):
    """One request to another server through the guard: ``(status, answer)``, the
    answer read up to one byte past ``limit`` (so a caller can tell it was too long).
    ``sign`` makes the signature headers from the path asked for."""
    connection, path = connection_for(url)
    headers = {"User-Agent": "huddinge_site", **(headers or {}), **(sign(path) if sign else {})}
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read(limit + 1)
    except OSError as error:
        raise Unusable(f"{url} could not be read: {error}") from error
    finally:
        connection.close()


def fetch_json(url):
    status, body = exchange(url, headers={"Accept": ACCEPT})
    if status != 200:
        raise Unusable(f"{url} answered {status}")
    if len(body) > MAX_BYTES:
        raise Unusable(f"{url} is too large")
    try:
        return json.loads(body)
    except ValueError as error:
        raise Unusable(f"{url} is not JSON") from error


def _text(value, limit):
    return value[:limit] if isinstance(value, str) else ""


def actor(uri, refresh=False):
    """The actor at ``uri``, fetched unless a fresh copy is kept."""
    from . import avatars

    uri = uri.split("#")[0]
    known = RemoteActor.objects.filter(uri=uri).first()
    if known and not refresh and known.fetched_at > timezone.now() - FRESH:
        return known
    document = fetch_json(uri)
    key = document.get("publicKey") or {}
    if isinstance(key, list):
        key = key[0] if key else {}
    if (document.get("id") != uri or not isinstance(key, dict)
            or key.get("owner") != uri or not key.get("publicKeyPem")
            or not isinstance(document.get("inbox"), str)):
        raise Unusable(f"{uri} is not an actor with its own key")
    endpoints = document.get("endpoints") if isinstance(document.get("endpoints"), dict) else {}
    username = _text(document.get("preferredUsername"), 100)
    found, _ = RemoteActor.objects.update_or_create(uri=uri, defaults={
        "domain": urlsplit(uri).hostname or "",
        "handle": f"@{username}@{urlsplit(uri).hostname}" if username else "",
        "name": _text(document.get("name"), 200) or username,
        "profile_url": _text(document.get("url"), 500) if isinstance(document.get("url"), str)
        else uri,
        "inbox": document["inbox"][:500],
        "shared_inbox": _text(endpoints.get("sharedInbox"), 500),
        "key_id": _text(key.get("id"), 500),
        "public_pem": key["publicKeyPem"],
        "avatar": avatars.keep(document) if not known or refresh or not known.avatar
        else known.avatar,
        "fetched_at": timezone.now(),
    })
    return found
