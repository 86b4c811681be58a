"""RFC 9421 HTTP Message Signatures beside the draft Mastodon signs with: a server that
says it takes them, or signs to the blog with them, gets them; one that refuses them
gets the draft; a request signed this way is checked as Mastodon checks it (the method,
target URI and body digest covered, created recently, the key the actor's)."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from bovine.crypto import generate_rsa_public_private_key
from django.test import Client

from comments.models import Comment
from fediverse import message_signatures
from fediverse.models import Follower, RemoteActor
from tests.factories import PostFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
pytest_plugins = ["tests.fediverse_peer"]


def follow(peer, site, **signing):
    return peer.send(f"{site}/fediverse/inbox", {
        "id": f"{peer.base}/follows/1", "type": "Follow", "actor": peer.actor_id,
        "object": f"{site}/fediverse/actor"}, **signing)[0]


def test_the_blog_says_it_takes_rfc9421(site):
    actor = Client().get("/fediverse/actor", headers={"Accept": "application/activity+json"})
    assert message_signatures.advertised(json.loads(actor.content))


def test_a_server_that_says_it_takes_rfc9421_is_sent_it(site, make_peer, work):
    peer = make_peer(rfc9421="takes")
    assert follow(peer, site) == 202
    assert RemoteActor.objects.get().takes_rfc9421
    work()
    assert [activity["type"] for activity in peer.received] == ["Accept"]
    assert peer.styles == ["rfc9421"] and peer.refused == []


def test_a_server_that_refuses_rfc9421_gets_the_draft_from_then_on(site, make_peer, work):
    peer = make_peer(rfc9421="refuses")
    assert follow(peer, site) == 202
    work()
    assert [activity["type"] for activity in peer.received] == ["Accept"]
    assert peer.styles == ["draft"] and len(peer.refused) == 1
    assert not RemoteActor.objects.get().takes_rfc9421
    PostFactory(title="Nytt om bussarna")
    work()
    assert peer.styles == ["draft", "draft"] and len(peer.refused) == 1


def test_a_server_that_signs_with_rfc9421_is_believed_and_answered_so(site, make_peer, work):
    peer = make_peer(rfc9421="takes", advertises=False)
    post = PostFactory()
    assert follow(peer, site, rfc9421={}) == 202
    assert Follower.objects.get().actor.takes_rfc9421
    status, _ = peer.send(f"{site}/fediverse/inbox", {
        "id": f"{peer.base}/notes/1/activity", "type": "Create", "actor": peer.actor_id,
        "object": {"id": f"{peer.base}/notes/1", "type": "Note", "attributedTo": peer.actor_id,
                   "inReplyTo": f"{site}/fediverse/posts/{post.pk}", "content": "<p>Ja!</p>"}},
        rfc9421={})
    assert status == 202 and Comment.objects.get().body == "Ja!"
    work()
    assert "rfc9421" in peer.styles and "draft" not in peer.styles


def test_rfc9421_requests_signed_short_of_what_is_required_store_nothing(site, make_peer):
    peer = make_peer()
    _public, other_private = generate_rsa_public_private_key()
    for signing in ({"covered_component_ids": ("@method",)},
                    {"created": datetime.now(UTC) - timedelta(hours=2)},
                    {"created": datetime.now(UTC) + timedelta(hours=1)}):
        assert follow(peer, site, rfc9421=signing) == 401, signing
    assert follow(peer, site, rfc9421={}, private_pem=other_private) == 401
    body = json.dumps({"id": f"{peer.base}/follows/2", "type": "Follow",
                       "actor": peer.actor_id, "object": f"{site}/fediverse/actor"}).encode()
    headers = message_signatures.sign("POST", f"{site}/fediverse/inbox", body, peer.key_id,
                                      peer.private_pem)
    tampered = Client().post("/fediverse/inbox", body.replace(b"follows/2", b"follows/3"),
                             content_type="application/activity+json", headers=headers)
    assert tampered.status_code == 401
    assert not Follower.objects.exists()
    assert follow(peer, site, rfc9421={}) == 202
