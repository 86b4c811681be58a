"""HTTP Signatures in the form Mastodon and most of the fediverse use (draft-cavage-12,
``rsa-sha256``/``hs2019`` over ``(request-target) host date digest``).

Signing: every delivery from the blog. Verifying: every activity that arrives. A
verified request is one whose signature covers at least the request target, the
host, the date and (with a body) the digest; whose digest matches the body; whose
date is within ``MAX_AGE`` of now (an old signed request replayed is refused); and
whose key belongs to the actor the activity names (``fediverse.inbox``).
"""

import base64
import functools
import hashlib
import re
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

MAX_AGE = timedelta(minutes=30)
REQUIRED = {"(request-target)", "host", "date"}
_PARAMETER = re.compile(r'(\w+)="([^"]*)"')


class Invalid(Exception):
    pass


@functools.lru_cache(maxsize=4)
def private_key(pem: str):
    """The blog's key, loaded once: loading checks the key, which costs some fifty times
    what a signature does."""
    return serialization.load_pem_private_key(pem.encode(), password=None)


def digest(body: bytes) -> str:
    return "SHA-256=" + base64.b64encode(hashlib.sha256(body).digest()).decode()


def _signing_string(names, method, path, headers):
    lines = []
    for name in names:
        if name == "(request-target)":
            lines.append(f"(request-target): {method.lower()} {path}")
        else:
            value = headers.get(name)
            if value is None:
                raise Invalid(f"the signed header {name} is missing")
            lines.append(f"{name}: {value}")
    return "\n".join(lines).encode()


def sign(method, url_path, host, body, key_id, private_pem, now=None):
    """The headers that sign a request: Date, Digest (with a body), Signature."""
    headers = {"host": host, "date": format_datetime(now or datetime.now(UTC), usegmt=True)}
    names = ["(request-target)", "host", "date"]
    if body is not None:
        headers["digest"] = digest(body)
        names.append("digest")
    signature = private_key(private_pem).sign(_signing_string(names, method, url_path, headers),
                         padding.PKCS1v15(), hashes.SHA256())
    headers["signature"] = (
        f'keyId="{key_id}",algorithm="rsa-sha256",headers="{" ".join(names)}",'
        f'signature="{base64.b64encode(signature).decode()}"')
    return {name.title(): value for name, value in headers.items() if name != "host"}


def parse(header: str) -> dict:
    parameters = dict(_PARAMETER.findall(header or ""))
    if not {"keyId", "signature"} <= parameters.keys():
        raise Invalid("no signature")
    return parameters


def check_request(parameters, method, path, headers, body, now=None):
    """Check everything but the key; ``headers`` has lower-case names."""
    names = parameters.get("headers", "date").lower().split()
    needed = REQUIRED | ({"digest"} if body else set())
    if not needed <= set(names):
        raise Invalid("the signature does not cover " + ", ".join(sorted(needed - set(names))))
    if body and headers.get("digest") != digest(body):
        raise Invalid("the digest does not match the body")
    try:
        sent = parsedate_to_datetime(headers.get("date", ""))
    except (TypeError, ValueError) as error:
        raise Invalid("no valid date") from error
    if abs((now or datetime.now(UTC)) - sent) > MAX_AGE:
        raise Invalid("the request is too old or from the future")
    return _signing_string(names, method, path, headers)


def verify(signed: bytes, signature_b64: str, public_pem: str) -> bool:
    try:
        key = serialization.load_pem_public_key(public_pem.encode())
        key.verify(base64.b64decode(signature_b64), signed, padding.PKCS1v15(), hashes.SHA256())
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True
