"""A fediverse account on another server, for the federation tests: bovine's signing
and verifying code (an independent ActivityPub implementation, from PyPI) behind a
small aiohttp server on loopback.

``alice`` has an actor document with her own RSA key, an inbox that accepts only
requests whose HTTP signature bovine verifies against the sender's published key
(fetched from the sender's actor, as Mastodon does), and a way to send signed
activities with bovine's ``signed_post``. A peer can also stand in for another
server's software: its actor document and other pages given as they are (``pages``),
its key at that software's address (``key_id``), and in "secure mode" (``secure``),
answering a request for a page only when the request is signed, as GoToSocial and
Mastodon with ``AUTHORIZED_FETCH`` do. With ``rfc9421`` its actor says (FEP-844e) that
it takes RFC 9421 signatures, and its inbox checks them with the
``http-message-signatures`` library as Mastodon does ("takes") or refuses them
("refuses"); ``styles`` records how each activity that arrived was signed. While
``down`` its inbox answers 503.
"""

import asyncio
import io
import json
import re
import threading
from datetime import UTC, datetime
from types import SimpleNamespace

import aiohttp
import pytest
from aiohttp import web
from bovine.clients.signed_http_methods import signed_post
from bovine.crypto import build_validate_http_signature_raw, generate_rsa_public_private_key
from bovine.crypto.helper import content_digest_sha256
from bovine.crypto.types import CryptographicIdentifier, CryptographicSecret
from django.core.management import call_command
from http_message_signatures import (
    HTTPMessageSignaturesException,
    HTTPMessageSigner,
    HTTPMessageVerifier,
    MappingKeyResolver,
    algorithms,
)
from PIL import Image

from benchmarks.servers import free_port


class Peer:
    def __init__(self, name="alice", key_suffix="#main-key", secure=False, rfc9421=None,
                 advertises=True):
        self.name = name
        self.rfc9421 = rfc9421
        self.advertises = advertises
        self.styles = []
        self.down = False
        self.public_pem, self.private_pem = generate_rsa_public_private_key()
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.actor_id = f"{self.base}/users/{name}"
        self.key_id = self.actor_id + key_suffix
        self.secure = secure
        self.pages = {}
        self.received = []
        self.refused = []
        self.unsigned_reads = []
        self.loop = asyncio.new_event_loop()
        self._validate = build_validate_http_signature_raw(self._retrieve_key)

    def actor(self):
        document = self.pages.get(f"/users/{self.name}") or self._own_actor()
        if self.rfc9421 and self.advertises:
            document["generator"] = {"type": "Application", "implements": [
                {"name": "RFC-9421: HTTP Message Signatures",
                 "href": "https://datatracker.ietf.org/doc/html/rfc9421"}]}
        return document

    def _own_actor(self):
        return {
            "@context": ["https://www.w3.org/ns/activitystreams",
                         "https://w3id.org/security/v1"],
            "id": self.actor_id, "type": "Person", "preferredUsername": self.name,
            "name": self.name.title(), "url": f"{self.base}/@{self.name}",
            "inbox": f"{self.actor_id}/inbox",
            "endpoints": {"sharedInbox": f"{self.base}/inbox"},
            "publicKey": {"id": self.key_id, "owner": self.actor_id,
                          "publicKeyPem": self.public_pem},
            "icon": {"type": "Image", "mediaType": "image/png",
                     "url": f"{self.actor_id}/avatar.png"},
        }

    async def _fetch_key(self, key_id):
        async with aiohttp.ClientSession() as session, session.get(
                key_id.split("#")[0], headers={"Accept": "application/activity+json"}) as got:
            return json.loads(await got.text())["publicKey"]

    async def _retrieve_key(self, key_id):
        key = await self._fetch_key(key_id)
        return CryptographicIdentifier.from_pem(key["publicKeyPem"], key["owner"])

    async def _rfc9421_signer(self, request, body):
        if self.rfc9421 != "takes":
            return None
        key_id = re.search(r'keyid="([^"]+)"', request.headers["Signature-Input"]).group(1)
        key = await self._fetch_key(key_id)
        verifier = HTTPMessageVerifier(
            signature_algorithm=algorithms.RSA_V1_5_SHA256,
            key_resolver=MappingKeyResolver(public_keys={key_id: key["publicKeyPem"].encode()},
                                            private_keys={}))
        message = SimpleNamespace(method=request.method, url=str(request.url),
                                  headers=dict(request.headers))
        try:
            verifier.verify(message, body=body,
                            require_components=("@method", "@target-uri", "content-digest"))
        except HTTPMessageSignaturesException:
            return None
        return key["owner"]

    async def _signer(self, request, body=b""):
        async def read_body():
            return body

        return await self._validate(request.method.lower(), str(request.url),
                                    {k.lower(): v for k, v in request.headers.items()},
                                    read_body)

    async def _get(self, request):
        if request.path == f"/users/{self.name}/avatar.png":
            picture = io.BytesIO()
            Image.new("RGB", (400, 400), "#2a9d8f").save(picture, "PNG")
            return web.Response(body=picture.getvalue(), content_type="image/png")
        page = self.actor() if request.path == f"/users/{self.name}" \
            else self.pages.get(request.path)
        if page is None:
            return web.Response(status=404)
        if self.secure and await self._signer(request) is None:
            self.unsigned_reads.append(request.path)
            return web.Response(status=401)
        return web.json_response(page, content_type="application/activity+json")

    async def _inbox(self, request):
        body = await request.read()
        if self.down:
            return web.Response(status=503)
        style = "rfc9421" if "Signature-Input" in request.headers else "draft"
        signer = self._rfc9421_signer if style == "rfc9421" else self._signer
        if not request.path.endswith("inbox") or await signer(request, body) is None:
            self.refused.append(body)
            return web.Response(status=401)
        self.received.append(json.loads(body))
        self.styles.append(style)
        return web.Response(status=202)

    def start(self):
        app = web.Application()
        app.router.add_get("/{path:.*}", self._get)
        app.router.add_post("/{path:.*}", self._inbox)
        runner = web.AppRunner(app)
        started = threading.Event()

        def serve():
            asyncio.set_event_loop(self.loop)
            self.loop.run_until_complete(runner.setup())
            self.loop.run_until_complete(web.TCPSite(runner, "127.0.0.1", self.port).start())
            started.set()
            self.loop.run_forever()

        self.thread = threading.Thread(target=serve, daemon=True)
        self.thread.start()
        started.wait(10)
        self._runner = runner

    def stop(self):
        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)

    def send(self, url, activity, key_id=None, private_pem=None, rfc9421=None):
        """POST ``activity`` to ``url`` signed by bovine (or, with ``rfc9421``, by the
        ``http-message-signatures`` library as Mastodon signs, given to its ``sign``);
        returns (status, text); the answer's headers are kept in ``answer_headers``."""
        if rfc9421 is not None:
            return self._send_rfc9421(url, activity, key_id or self.key_id,
                                      private_pem or self.private_pem, **rfc9421)
        secret = CryptographicSecret.from_pem(key_id or self.key_id,
                                              private_pem or self.private_pem)

        async def post():
            async with aiohttp.ClientSession() as session:
                response = await signed_post(
                    session, secret, url, json.dumps(activity),
                    digest_method=lambda body: ("digest", content_digest_sha256(body, "SHA-256")))
                self.answer_headers = dict(response.headers)
                return response.status, await response.text()

        return asyncio.run_coroutine_threadsafe(post(), self.loop).result(30)


    def _send_rfc9421(self, url, activity, key_id, private_pem, **options):
        body = json.dumps(activity).encode()
        message = SimpleNamespace(method="POST", url=url,
                                  headers={"Content-Type": "application/activity+json"})
        HTTPMessageSigner(
            signature_algorithm=algorithms.RSA_V1_5_SHA256,
            key_resolver=MappingKeyResolver(public_keys={},
                                            private_keys={key_id: private_pem.encode()}),
        ).sign(message, key_id=key_id, label="sig1", body=body,
               **{"created": datetime.now(UTC),
                  "covered_component_ids": ("@method", "@target-uri"), **options})

        async def post():
            async with aiohttp.ClientSession() as session, session.post(
                    url, data=body, headers=message.headers) as response:
                return response.status, await response.text()

        return asyncio.run_coroutine_threadsafe(post(), self.loop).result(30)


@pytest.fixture
def make_peer():
    """Starts peers made with ``Peer``'s arguments; stops them after the test."""
    started = []

    def make(*args, **kwargs):
        started.append(Peer(*args, **kwargs))
        started[-1].start()
        return started[-1]

    yield make
    for remote in started:
        remote.stop()


@pytest.fixture
def peer(make_peer):
    return make_peer()


@pytest.fixture
def site(settings, live_server):
    """The blog on a live server, with the fediverse on and loopback peers allowed."""
    settings.FEDIVERSE_ENABLED = True
    settings.FEDIVERSE_ALLOW_PRIVATE = True
    settings.SITE_URL = live_server.url
    return live_server.url


@pytest.fixture
def work():
    """Runs what the background worker would do now (deliveries, mailings)."""
    return lambda: call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload",
                                verbosity=0)
