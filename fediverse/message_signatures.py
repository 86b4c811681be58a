"""HTTP Message Signatures (RFC 9421), the standard that replaces the draft the
fediverse has signed with so far (``signatures``), through the ``http-message-signatures``
library.

What is required of a request is what Mastodon requires: a ``created`` time within
``signatures.MAX_AGE``, a ``keyid``, the method and target URI covered and, with a body,
a ``Content-Digest`` that is covered and matches. The blog signs this way only to a
server known to take it (it signed to the blog this way, or its actor says so as
FEP-844e describes); ``delivery`` falls back to the draft when such a server refuses.
"""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from cryptography.hazmat.primitives import serialization
from http_message_signatures import (
    HTTPMessageSignaturesException,
    HTTPMessageSigner,
    HTTPMessageVerifier,
    HTTPSignatureKeyResolver,
    algorithms,
)

from . import activities
from .signatures import MAX_AGE, Invalid, private_key

COVERED = ("@method", "@target-uri")
ALGORITHM = algorithms.RSA_V1_5_SHA256


class _Message:
    def __init__(self, method: str, url: str, headers: dict):
        self.method = method.upper()
        self.url = url
        self.headers = headers


class _Keys(HTTPSignatureKeyResolver):
    """Our private key for signing; the sender's public key, found by ``owner_of``
    from the ``keyid``, for verifying (what it found and any refusal kept)."""

    def __init__(self, private_pem: str = "", owner_of: Callable | None = None):
        self.private_pem = private_pem
        self.owner_of = owner_of
        self.owner = None
        self.refusal: Exception | None = None

    def resolve_private_key(self, key_id):
        return private_key(self.private_pem)

    def resolve_public_key(self, key_id):
        try:
            self.owner = self.owner_of(key_id)
        except Exception as refusal:
            self.refusal = refusal
            raise
        return serialization.load_pem_public_key(self.owner.public_pem.encode())


def sign(method: str, url: str, body: bytes | None, key_id: str, private_pem: str) -> dict:
    """The headers that sign a request: ``Signature-Input``, ``Signature`` and, with a
    body, ``Content-Digest``."""
    message = _Message(method, url, {})
    HTTPMessageSigner(signature_algorithm=ALGORITHM, key_resolver=_Keys(private_pem)).sign(
        message, key_id=key_id, created=datetime.now(UTC), label="sig1",
        covered_component_ids=COVERED, body=body)
    return message.headers


def verify(method: str, url: str, headers: dict, body: bytes, owner_of: Callable):
    """The owner (``owner_of(keyid)``) of the key that signed the request, ``None`` when
    the signature does not verify with it; ``Invalid`` when the request is not signed
    as required. Whatever ``owner_of`` raises is raised."""
    keys = _Keys(owner_of=owner_of)
    verifier = HTTPMessageVerifier(signature_algorithm=ALGORITHM, key_resolver=keys)
    verifier.max_clock_skew = timedelta(minutes=5)
    try:
        verifier.verify(_Message(method, url, headers), max_age=MAX_AGE,
                        require_components=COVERED + (("content-digest",) if body else ()),
                        body=body or None)
    except HTTPMessageSignaturesException as error:
        if keys.refusal is not None:
            raise keys.refusal from error
        if keys.owner is None:
            raise Invalid(str(error)) from error
        return None
    return keys.owner


def advertised(document: dict) -> bool:
    """Whether an actor says its server takes RFC 9421 signatures (FEP-844e)."""
    generator = document.get("generator")
    listed = [document.get("implements"),
              generator.get("implements") if isinstance(generator, dict) else None]
    return any(isinstance(entry, dict) and entry.get("href") == activities.RFC9421
               for found in listed if isinstance(found, list) for entry in found)
