"""Reading other servers: actors and their keys, through ``core.outbound``'s guard.

An actor's address comes from an activity someone sent, so it is untrusted: it is
fetched with the same guard as the importer (no local or private address unless
``FEDIVERSE_ALLOW_PRIVATE``), a short timeout and a size limit, and only an actor
that lists the key as its own is kept. A key is refetched when a signature fails with
the copy kept here (the actor may have rotated it) and after ``FRESH``.

Every request for an actor is signed by the blog: servers in "secure mode" (Mastodon's
``AUTHORIZED_FETCH``, GoToSocial always) answer nothing else. A key's address is not
always its actor's: Mastodon's is ``<actor>#main-key``, GoToSocial's
``<actor>/main-key`` (a stub naming the owner), some servers' a bare ``Key``; the
actor is then fetched from the owner's address and must list that key.
"""

import json
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from core.outbound import PinnedHTTP, PinnedHTTPS, Refused, checked_address

from . import activities, keys
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


def signer():
    """The blog's key as ``exchange`` signs with it: ``(key id, private PEM)``."""
    return activities.key_id(), keys.current().private_pem


def exchange(url, method="GET", headers=None, body=None, limit=MAX_BYTES, key=None,
             rfc9421=False):
    """One request to another server through the guard: ``(status, answer)``, the
    answer read up to one byte past ``limit`` (so a caller can tell it was too long).
    With ``key`` (``signer()``) it is signed, as the draft does or, with ``rfc9421``,
    as RFC 9421 does. Reads no database, so threads may call it."""
    from . import message_signatures, signatures

    connection, path = connection_for(url)
    host = urlsplit(url).netloc
    headers = {"User-Agent": "huddinge_site", "Host": host, **(headers or {})}
    if key and rfc9421:
        headers.update(message_signatures.sign(method, url, body, *key))
    elif key:
        headers.update(signatures.sign(method, path, host, body, *key))
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read(limit + 1)
    except OSError as error:
        raise Unusable(f"{url} could not be read: {error}") from error
    finally:
        connection.close()


def fetch_json(url):
    status, body = exchange(url, headers={"Accept": ACCEPT}, key=signer())
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


def object_id(value):
    """The id of an ActivityStreams value given as an object or as its id; ``""`` else."""
    if isinstance(value, dict):
        value = value.get("id")
    return value if isinstance(value, str) else ""


def _key(document, key_id=None):
    """The key of ``document`` with id ``key_id`` (its first without one), or ``{}``."""
    found = document.get("publicKey")
    listed = [key for key in (found if isinstance(found, list) else [found])
              if isinstance(key, dict) and isinstance(key.get("publicKeyPem"), str)]
    return next((key for key in listed if key_id is None or key.get("id") == key_id), {})


def _fresh(known):
    return known is not None and known.fetched_at > timezone.now() - FRESH


def actor(uri, refresh=False, key_id=None, document=None):
    """The actor at ``uri``, fetched unless a fresh copy is kept (``document`` when
    already fetched); with ``key_id``, only if it lists that key as its own."""
    from . import avatars, message_signatures

    uri = uri.split("#")[0]
    known = RemoteActor.objects.filter(uri=uri).first()
    if not refresh and _fresh(known) and key_id in (None, known.key_id):
        return known
    document = document or fetch_json(uri)
    key = _key(document, key_id)
    if (document.get("id") != uri or object_id(key.get("owner")) != uri
            or not isinstance(document.get("inbox"), str)):
        raise Unusable(f"{uri} is not an actor with its own key {key_id or ''}".strip())
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
        "takes_rfc9421": message_signatures.advertised(document)
        or bool(known and known.takes_rfc9421),
        "fetched_at": timezone.now(),
    })
    return found


def key_owner(key_id, refresh=False):
    """The actor that owns the key ``key_id`` (which a signature names)."""
    known = RemoteActor.objects.filter(key_id=key_id).first()
    if not refresh and _fresh(known):
        return known
    address = key_id.split("#")[0]
    document = fetch_json(address)
    if isinstance(document.get("publicKeyPem"), str):
        owner = object_id(document.get("owner"))
    elif document.get("id") == address:
        return actor(address, refresh=True, key_id=key_id, document=document)
    else:
        owner = object_id(_key(document, key_id).get("owner"))
    if not owner or owner == address:
        raise Unusable(f"{key_id} names no owner")
    return actor(owner, refresh=True, key_id=key_id)
