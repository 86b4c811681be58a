"""Accounts on Mastodon, GoToSocial, Pixelfed and Misskey, as their software shapes what
it sends (``tests/activities/``): each follows the blog and gets an ``Accept``, replies
(a held comment with the right text), likes, boosts, takes the like back and deletes
its reply, every request signed by bovine and every answer checked by it. GoToSocial
and Mastodon in secure mode answer only signed requests for their actors, and
GoToSocial's key lives at an address of its own."""

import json
from pathlib import Path
from string import Template
from urllib.parse import urlsplit

import pytest

from comments.models import Comment
from fediverse.models import Follower, Reaction
from tests.factories import PostFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
pytest_plugins = ["tests.fediverse_peer"]
SAMPLES = Path(__file__).parent / "activities"


def sample(software, peer, site, post):
    text = (SAMPLES / f"{software}.json").read_text()
    shaped = json.loads(Template(text).substitute(
        remote=peer.base, site=site, host=urlsplit(site).hostname,
        post=f"{site}/fediverse/posts/{post.pk}", pem=json.dumps(peer.public_pem)[1:-1]))
    peer.pages.update(shaped["pages"])
    return shaped


SOFTWARE = ["mastodon", "gotosocial", "pixelfed", "misskey"]


@pytest.mark.parametrize("software", SOFTWARE)
def test_each_softwares_activities_are_read_and_answered(software, site, work, make_peer):
    shape = json.loads((SAMPLES / f"{software}.json").read_text())
    peer = make_peer(shape["name"], key_suffix=shape["key_suffix"], secure=shape["secure"])
    post = PostFactory(title="Om förskolor")
    shaped = sample(software, peer, site, post)

    def send(name):
        status, _ = peer.send(f"{site}/fediverse/inbox", shaped["activities"][name])
        return status

    assert send("follow") == 202
    follower = Follower.objects.select_related("actor").get()
    assert follower.actor.uri == peer.actor_id and follower.actor.key_id == peer.key_id
    work()
    accept, create = sorted(peer.received, key=lambda activity: activity["type"])
    assert accept["type"] == "Accept" and create["object"]["name"] == "Om förskolor"
    assert accept["object"]["id"] == shaped["activities"]["follow"]["id"]

    assert send("reply") == 202
    comment = Comment.objects.get()
    assert comment.body == shaped["reply_text"] and comment.post == post
    assert comment.status == Comment.Status.PENDING and comment.kind == "fediverse"
    assert comment.author_name == shaped["pages"][f"/users/{peer.name}"]["name"]

    assert send("like") == 202 and send("announce") == 202
    kinds = Reaction.objects.filter(post=post).values_list("kind", flat=True)
    assert sorted(kinds) == ["announce", "like"]
    assert send("undo_like") == 202
    assert list(kinds.all()) == ["announce"]

    assert send("delete_reply") == 202 and not Comment.objects.exists()
    assert peer.refused == [] and peer.unsigned_reads == []


def test_a_key_whose_named_owner_does_not_list_it_is_refused(site, make_peer):
    peer = make_peer("olle", key_suffix="/main-key", secure=True)
    someone = f"{peer.base}/users/someone"
    peer.pages[f"/users/{peer.name}/main-key"] = {
        "id": someone, "type": "Person",
        "publicKey": {"id": peer.key_id, "owner": someone, "publicKeyPem": peer.public_pem}}
    peer.pages["/users/someone"] = {
        "id": someone, "type": "Person", "inbox": f"{someone}/inbox",
        "publicKey": {"id": f"{someone}#main-key", "owner": someone,
                      "publicKeyPem": peer.public_pem}}
    status, _ = peer.send(f"{site}/fediverse/inbox", {
        "id": f"{peer.base}/follow/1", "type": "Follow", "actor": someone,
        "object": f"{site}/fediverse/actor"})
    assert status == 401 and not Follower.objects.exists()
