"""The blog answers a reply from the fediverse: the owner's reply from the admin goes
back to the one who wrote (and to the blog's followers) as a Note in their thread, and
is withdrawn when the owner takes it back. Checked by bovine on loopback."""

import json

import pytest
from django.test import Client

from comments.models import Comment
from comments.status import set_status
from tests.factories import CommentFactory, PostFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
pytest_plugins = ["tests.fediverse_peer"]
JSON = "application/activity+json"


def followed_and_replied_to(peer, site, post):
    peer.send(f"{site}/fediverse/inbox", {
        "id": f"{peer.base}/follows/1", "type": "Follow", "actor": peer.actor_id,
        "object": f"{site}/fediverse/actor"})
    note = {"id": f"{peer.base}/notes/1", "type": "Note", "attributedTo": peer.actor_id,
            "inReplyTo": f"{site}/fediverse/posts/{post.pk}", "content": "<p>Hur blir det?</p>"}
    status, _ = peer.send(f"{site}/fediverse/inbox", {
        "id": f"{note['id']}/activity", "type": "Create", "actor": peer.actor_id,
        "object": note})
    assert status == 202
    return Comment.objects.get(remote_id=note["id"]), note


def test_the_owners_answer_reaches_the_writer_and_is_withdrawn(site, peer, work, moderator,
                                                               moderator_client):
    post = PostFactory(title="Om förskolor")
    reply, note = followed_and_replied_to(peer, site, post)
    work()
    peer.received.clear()
    moderator_client.post(f"/admin/comments/comment/{reply.pk}/reply/",
                          {"body": "Två nya förskolor <strong>i vår</strong>."})
    answer = Comment.objects.get(parent=reply)
    work()
    [create] = peer.received
    sent = create["object"]
    assert create["type"] == "Create" and create["actor"] == f"{site}/fediverse/actor"
    assert sent["type"] == "Note" and sent["inReplyTo"] == note["id"]
    assert sent["id"] == f"{site}/fediverse/comments/{answer.pk}"
    assert sent["url"] == f"{site}{post.get_absolute_url()}#comment-{answer.pk}"
    assert {"type": "Mention", "href": peer.actor_id, "name": "@alice@127.0.0.1"} in sent["tag"]
    assert "@alice@127.0.0.1</a></span> Två nya förskolor <strong>i vår</strong>." in \
        sent["content"]
    assert peer.actor_id in sent["cc"] and peer.refused == []

    fetched = Client().get(f"/fediverse/comments/{answer.pk}", headers={"Accept": JSON})
    assert json.loads(fetched.content)["inReplyTo"] == note["id"]
    browser = Client().get(f"/fediverse/comments/{answer.pk}")
    assert browser.status_code == 302 and browser["Location"].endswith(f"#comment-{answer.pk}")

    status, _ = peer.send(f"{site}/fediverse/inbox", {
        "id": f"{peer.base}/notes/2/activity", "type": "Create", "actor": peer.actor_id,
        "object": {"id": f"{peer.base}/notes/2", "type": "Note", "attributedTo": peer.actor_id,
                   "inReplyTo": sent["id"], "content": "<p>Bra!</p>"}})
    assert status == 202
    assert Comment.objects.get(remote_id=f"{peer.base}/notes/2").parent == answer

    peer.received.clear()
    set_status(Comment.objects.filter(pk=answer.pk), Comment.Status.TRASH, moderator)
    work()
    [delete] = peer.received
    assert delete["type"] == "Delete" and delete["object"]["id"] == sent["id"]
    assert Client().get(f"/fediverse/comments/{answer.pk}",
                        headers={"Accept": JSON}).status_code == 404


def test_an_answer_to_a_comment_from_the_site_stays_on_the_site(site, peer, work,
                                                                moderator_client):
    post = PostFactory()
    followed_and_replied_to(peer, site, post)
    work()
    peer.received.clear()
    visitor = CommentFactory(post=post, body="Från webbplatsen")
    moderator_client.post(f"/admin/comments/comment/{visitor.pk}/reply/", {"body": "Tack!"})
    assert Comment.objects.filter(parent=visitor).exists()
    work()
    assert peer.received == []
