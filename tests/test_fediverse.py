"""Followed from Mastodon: the blog as a fediverse account, tested against bovine
(``tests/fediverse_peer.py``), an independent ActivityPub implementation on loopback.
It follows the blog, receives a post signed by the blog and checked by bovine, replies,
likes and deletes its reply; bad input is refused with the right status and stores
nothing."""

import json
import time
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks.backends.database.models import DBTaskResult

from benchmarks.servers import free_port
from comments.models import Comment
from comments.status import set_status
from fediverse import delivery, inbox, signatures, tasks
from fediverse.models import Block, Follower, Reaction, Unreachable
from tests.factories import DraftFactory, PostFactory, StaffFactory, TagFactory

pytestmark = pytest.mark.django_db(transaction=True)
pytest_plugins = ["tests.fediverse_peer"]
JSON = "application/activity+json"


def follow(peer, site):
    return peer.send(f"{site}/fediverse/inbox", {
        "@context": "https://www.w3.org/ns/activitystreams", "id": f"{peer.base}/follows/1",
        "type": "Follow", "actor": peer.actor_id, "object": f"{site}/fediverse/actor"})


def reply(peer, site, in_reply_to, number=1, text="<p>Bra skrivet, <b>Anna</b>!</p>"):
    note = {"id": f"{peer.base}/notes/{number}", "type": "Note", "attributedTo": peer.actor_id,
            "inReplyTo": in_reply_to, "content": text,
            "to": ["https://www.w3.org/ns/activitystreams#Public"]}
    return peer.send(f"{site}/fediverse/inbox", {
        "id": f"{peer.base}/notes/{number}/activity", "type": "Create",
        "actor": peer.actor_id, "object": note}), note


def test_the_account_is_found_by_webfinger_and_answers_servers_and_browsers(site):
    client = Client()
    finger = client.get("/.well-known/webfinger",
                        {"resource": "acct:huddingebloggen@localhost"})
    assert finger.status_code == 200 and finger["Content-Type"] == "application/jrd+json"
    assert {"rel": "self", "type": JSON, "href": f"{site}/fediverse/actor"} in \
        finger.json()["links"]
    actor = client.get("/fediverse/actor", headers={"Accept": JSON})
    document = json.loads(actor.content)
    assert document["preferredUsername"] == "huddingebloggen"
    assert document["publicKey"]["owner"] == document["id"] == f"{site}/fediverse/actor"
    assert document["image"]["url"] == f"{site}/static/share.png"
    assert document["url"] == f"{site}/" and document["name"] and document["summary"]
    assert document["attachment"][0]["name"] == "Webbplats"
    assert "private" in actor["Cache-Control"] and "Accept" in actor["Vary"]
    browser = client.get("/@huddingebloggen", headers={"Accept": "text/html"})
    assert browser.status_code == 302 and browser["Location"] == "/"
    assert client.get("/nodeinfo/2.1").json()["protocols"] == ["activitypub"]


def test_with_the_fediverse_off_there_is_no_account(settings):
    settings.FEDIVERSE_ENABLED = False
    assert Client().get("/.well-known/webfinger",
                        {"resource": "acct:huddingebloggen@localhost"}).status_code == 404
    assert Client().get("/fediverse/actor", headers={"Accept": JSON}).status_code == 404


def test_a_follower_gets_accepted_then_the_post_its_edit_and_its_deletion(site, peer, work):
    status, _ = follow(peer, site)
    assert status == 202
    assert Follower.objects.get().actor.uri == peer.actor_id
    work()
    assert [a["type"] for a in peer.received] == ["Accept"]
    post = PostFactory(title="Budgeten för 2027", body="Text om **budgeten**.")
    post.tags.add(TagFactory(name="budget"))
    post.save()
    work()
    create = peer.received[1]
    assert create["type"] == "Create" and create["actor"] == f"{site}/fediverse/actor"
    article = create["object"]
    assert article["type"] == "Article" and article["name"] == "Budgeten för 2027"
    assert article["url"] == site + post.get_absolute_url()
    assert "<strong>budgeten</strong>" in article["contentMap"]["sv"]
    post.title = "Budgeten för 2027, rättad"
    post.save()
    work()
    assert peer.received[-1]["type"] == "Update"
    assert peer.received[-1]["object"]["name"] == "Budgeten för 2027, rättad"
    post.delete()
    work()
    assert peer.received[-1]["type"] == "Delete"
    assert peer.refused == []


def test_a_reply_is_held_shown_after_approval_and_removed_when_deleted(site, peer):
    post = PostFactory(title="Om cykelvägar")
    (status, _), note = reply(peer, site, f"{site}/fediverse/posts/{post.pk}")
    assert status == 202
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING and comment.kind == "fediverse"
    assert comment.body == "Bra skrivet, Anna!" and comment.author_name == "Alice"
    assert comment.avatar.startswith("avatars/") and default_storage.exists(comment.avatar)
    public = Client().get(post.get_absolute_url()).content.decode()
    assert "Bra skrivet, Anna!" not in public
    set_status(Comment.objects.all(), Comment.Status.APPROVED, StaffFactory())
    thread = Client().get(post.get_absolute_url()).content.decode()
    assert "Bra skrivet, Anna!" in thread
    assert f'<img class="comment-avatar" src="/media/{comment.avatar}"' in thread
    status, _ = peer.send(f"{site}/fediverse/inbox", {
        "id": f"{peer.base}/likes/1", "type": "Like", "actor": peer.actor_id,
        "object": site + post.get_absolute_url()})
    assert status == 202 and Reaction.objects.get().kind == "like"
    status, _ = peer.send(f"{site}/fediverse/inbox", {
        "id": f"{peer.base}/notes/1#delete", "type": "Delete", "actor": peer.actor_id,
        "object": {"id": note["id"], "type": "Tombstone"}})
    assert status == 202 and not Comment.objects.exists()


def test_unsigned_and_wrongly_signed_activities_store_nothing(site, peer):
    post = PostFactory()
    unsigned = Client().post("/fediverse/inbox", json.dumps({"type": "Follow"}),
                             content_type=JSON)
    assert unsigned.status_code == 401
    _public, other_private = __import__(
        "bovine.crypto", fromlist=["x"]).generate_rsa_public_private_key()
    status, _ = peer.send(f"{site}/fediverse/inbox", {
        "id": f"{peer.base}/follows/2", "type": "Follow", "actor": peer.actor_id,
        "object": f"{site}/fediverse/actor"}, private_pem=other_private)
    assert status == 401
    status, _ = peer.send(f"{site}/fediverse/inbox", {
        "id": f"{peer.base}/follows/3", "type": "Follow", "actor": "https://other.example/u/b",
        "object": f"{site}/fediverse/actor"})
    assert status == 401
    assert not Follower.objects.exists() and not Comment.objects.exists()
    assert post.pk


def test_a_replayed_old_request_and_a_private_actor_are_refused(site, peer, settings):
    body = json.dumps({"id": f"{peer.base}/follows/4", "type": "Follow",
                       "actor": peer.actor_id, "object": f"{site}/fediverse/actor"}).encode()
    headers = signatures.sign("POST", "/fediverse/inbox", site.split("://")[1], body,
                              peer.key_id, peer.private_pem,
                              now=datetime.now(UTC) - timedelta(hours=2))
    old = Client().post("/fediverse/inbox", body, content_type=JSON,
                        headers={**headers, "Host": site.split("://")[1]})
    assert old.status_code == 401
    settings.FEDIVERSE_ALLOW_PRIVATE = False
    status, _ = follow(peer, site)
    assert status == 401 and not Follower.objects.exists()


def test_oversized_closed_draft_and_blocked_store_nothing(site, peer):
    huge = Client().post("/fediverse/inbox", b"{" + b" " * (10 * 1024 * 1024) + b"}",
                         content_type=JSON)
    assert huge.status_code == 413
    draft = DraftFactory()
    (status, _), _note = reply(peer, site, f"{site}/fediverse/posts/{draft.pk}")
    assert status == 202 and not Comment.objects.exists()
    closed = PostFactory(comments_open=False)
    (status, _), _note = reply(peer, site, f"{site}/fediverse/posts/{closed.pk}", number=2)
    assert status == 403 and not Comment.objects.exists()
    Block.objects.create(target="127.0.0.1")
    status, _ = follow(peer, site)
    assert status == 403 and not Follower.objects.exists()


def test_posts_name_their_author_for_mastodon_and_the_sidebar_says_how_to_follow(site):
    post = PostFactory()
    html = Client().get(post.get_absolute_url()).content.decode()
    assert '<meta name="fediverse:creator" content="@huddingebloggen@localhost">' in html
    assert "Följ på Mastodon och i fediversum: <strong>@huddingebloggen@localhost</strong>" in html


def test_the_owner_makes_the_blog_follow_an_account_such_as_bridgy_fed(site, peer):
    out = StringIO()
    call_command("fediverse_follow", peer.actor_id, stdout=out)
    assert "Asked to follow @alice@127.0.0.1." in out.getvalue()
    assert peer.received[-1]["type"] == "Follow"
    assert peer.received[-1]["object"] == peer.actor_id and peer.refused == []


def test_a_server_that_took_none_of_the_tries_is_sent_nothing_until_heard_from(site, peer,
                                                                               work):
    assert follow(peer, site)[0] == 202
    work()
    peer.down = True
    tasks.deliver.call(f"{peer.base}/inbox", {"id": "x", "type": "Create"},
                       attempt=len(delivery.BACKOFF))
    assert Unreachable.objects.filter(domain="127.0.0.1").exists()
    peer.down = False
    received = len(peer.received)
    PostFactory(title="Ingen hör")
    work()
    assert len(peer.received) == received
    status, _ = peer.send(f"{site}/fediverse/inbox", {
        "id": f"{peer.base}/likes/9", "type": "Like", "actor": peer.actor_id,
        "object": f"{site}/"})
    assert status == 202 and not Unreachable.objects.exists()
    PostFactory(title="Nu hörs det")
    work()
    assert peer.received[-1]["object"]["name"] == "Nu hörs det"


def test_a_flood_of_follows_from_one_server_is_slowed_and_stores_nothing(site, peer,
                                                                         monkeypatch):
    monkeypatch.setattr(inbox, "PER_MINUTE", 3)
    while time.time() % 60 > 55:
        time.sleep(0.5)
    statuses = [peer.send(f"{site}/fediverse/inbox", {
        "id": f"{peer.base}/follows/{number}", "type": "Follow", "actor": peer.actor_id,
        "object": f"{site}/fediverse/actor"})[0] for number in range(6)]
    assert statuses == [202, 202, 202, 429, 429, 429]
    assert peer.answer_headers["Retry-After"] == "60"
    assert Follower.objects.get().follow_id == f"{peer.base}/follows/2"


def test_with_the_cache_down_a_delivery_is_put_off_and_stores_nothing(site, peer, settings):
    """The count per server lives in the cache: without it the blog cannot tell a flood, so
    it asks the server to come back, as Mastodon does with a 503."""
    settings.CACHES = {**settings.CACHES, "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{free_port()}/0"}}
    status = peer.send(f"{site}/fediverse/inbox", {
        "id": f"{peer.base}/follows/1", "type": "Follow", "actor": peer.actor_id,
        "object": f"{site}/fediverse/actor"})[0]
    assert status == 503
    assert int(peer.answer_headers["Retry-After"]) > 0
    assert not Follower.objects.exists()


def test_a_batch_reaches_the_live_server_at_once_and_leaves_the_dead_one_a_retry(site, peer,
                                                                                work):
    assert follow(peer, site)[0] == 202
    work()
    closed = f"http://127.0.0.1:{free_port()}/inbox"
    activity = {"id": f"{site}/x#create", "type": "Create", "actor": f"{site}/fediverse/actor"}
    tasks.fan_out(activity, also=[closed])
    work()
    assert peer.received[-1] == activity
    retry = DBTaskResult.objects.get(task_path="fediverse.tasks.deliver", status="READY")
    assert retry.args_kwargs["args"] == [closed, activity, 1]
    assert retry.run_after > timezone.now()


def test_the_outbox_and_followers_count_what_is_public(site, peer):
    PostFactory(title="Budgeten")
    DraftFactory(title="Utkast")
    assert follow(peer, site)[0] == 202
    client = Client()
    outbox = json.loads(client.get("/fediverse/outbox", headers={"Accept": JSON}).content)
    assert outbox["totalItems"] == 1
    assert [item["object"]["name"] for item in outbox["orderedItems"]] == ["Budgeten"]
    followers = json.loads(client.get("/fediverse/followers", headers={"Accept": JSON}).content)
    assert followers["totalItems"] == 1


def test_a_follower_who_moves_is_followed_at_the_new_account_if_it_names_the_old(site, peer):
    assert follow(peer, site)[0] == 202

    def new_account(name, known_as):
        uri = f"{peer.base}/users/{name}"
        peer.pages[f"/users/{name}"] = {
            "id": uri, "type": "Person", "inbox": f"{uri}/inbox", "alsoKnownAs": known_as,
            "publicKey": {"id": f"{uri}#main-key", "owner": uri,
                          "publicKeyPem": peer.public_pem}}
        return uri

    def move_to(uri):
        return peer.send(f"{site}/fediverse/inbox", {
            "id": f"{peer.actor_id}#moves/{uri[-3:]}", "type": "Move", "actor": peer.actor_id,
            "object": peer.actor_id, "target": uri})[0]

    assert move_to(new_account("eve", [])) == 403
    assert Follower.objects.get().actor.uri == peer.actor_id
    bob = new_account("bob", [peer.actor_id])
    assert move_to(bob) == 202
    assert Follower.objects.get().actor.uri == bob
