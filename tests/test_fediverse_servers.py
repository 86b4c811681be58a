"""Activities as the big fediverse servers shape them (Mastodon, GoToSocial, Pixelfed,
Misskey, written after their documented forms), each read and answered right, and
the rate limit on one server's flood of follows."""

import time

import pytest
from django.utils import timezone

from comments.models import Comment
from comments.status import set_status
from fediverse import inbox
from fediverse.models import Follower, Reaction, RemoteActor
from tests.factories import PostFactory, StaffFactory

pytestmark = pytest.mark.django_db
SITE = "http://testserver"


@pytest.fixture(autouse=True)
def fediverse_on(settings):
    settings.FEDIVERSE_ENABLED = True
    settings.SITE_URL = SITE


def remote(name, host):
    return RemoteActor.objects.create(
        uri=f"https://{host}/users/{name}", domain=host, handle=f"@{name}@{host}",
        name=name.title(), profile_url=f"https://{host}/@{name}",
        inbox=f"https://{host}/users/{name}/inbox", key_id=f"https://{host}/users/{name}#main-key",
        public_pem="-", fetched_at=timezone.now())


def test_a_mastodon_reply_with_a_mention_becomes_held_text():
    post = PostFactory(title="Om förskolor")
    actor = remote("karin", "mastodon.social")
    inbox.create(actor, {
        "id": f"{actor.uri}/statuses/1/activity", "type": "Create", "actor": actor.uri,
        "object": {
            "id": f"{actor.uri}/statuses/1", "type": "Note", "attributedTo": actor.uri,
            "inReplyTo": f"{SITE}/fediverse/posts/{post.pk}",
            "inReplyToAtomUri": f"{SITE}/fediverse/posts/{post.pk}",
            "content": '<p><span class="h-card" translate="no"><a href="http://testserver/" '
                       'class="u-url mention">@<span>huddingebloggen</span></a></span> '
                       "Äntligen!<br />Tack &amp; hej</p><p>Andra stycket</p>",
            "contentMap": {"sv": "<p>Äntligen!</p>"},
            "tag": [{"type": "Mention", "href": f"{SITE}/fediverse/actor"}]}})
    comment = Comment.objects.get()
    assert comment.body == "@huddingebloggen Äntligen!\n\nTack & hej\n\nAndra stycket"
    assert comment.status == "pending" and comment.author_url == "https://mastodon.social/@karin"


def test_a_gotosocial_reply_to_the_permalink_and_a_misskey_reply_to_it_once_approved():
    post = PostFactory(title="Om cykelvägar")
    gts = remote("olle", "gts.example")
    inbox.create(gts, {"type": "Create", "actor": gts.uri, "id": f"{gts.uri}/c/1",
                       "object": {"type": "Note", "id": f"{gts.uri}/statuses/01H",
                                  "attributedTo": gts.uri,
                                  "inReplyTo": SITE + post.get_absolute_url(),
                                  "content": "<p>Bra cykelväg.</p>"}})
    first = Comment.objects.get()
    set_status(Comment.objects.all(), Comment.Status.APPROVED, StaffFactory())
    misskey = remote("eva", "misskey.example")
    inbox.create(misskey, {"type": "Create", "actor": misskey.uri, "id": f"{misskey.uri}/a/9",
                           "object": {"type": "Note", "id": "https://misskey.example/notes/9x",
                                      "attributedTo": misskey.uri,
                                      "inReplyTo": "https://gts.example/users/olle/statuses/01H",
                                      "content": '<p><a href="https://gts.example/@olle" '
                                                 'class="u-url mention">@olle@gts.example</a> '
                                                 "Håller med</p>",
                                      "_misskey_content": "@olle@gts.example Håller med"}})
    reply = Comment.objects.exclude(pk=first.pk).get()
    assert reply.parent == first and reply.post == post
    assert reply.body == "@olle@gts.example Håller med"


def test_a_pixelfed_like_and_boost_of_the_permalink_are_counted_and_undone():
    post = PostFactory()
    actor = remote("foto", "pixelfed.example")
    inbox.react(actor, {"type": "Like", "id": "https://pixelfed.example/l/1", "actor": actor.uri,
                        "object": SITE + post.get_absolute_url()})
    inbox.react(actor, {"type": "Announce", "id": "https://pixelfed.example/a/1",
                        "actor": actor.uri, "object": f"{SITE}/fediverse/posts/{post.pk}"})
    assert sorted(Reaction.objects.values_list("kind", flat=True)) == ["announce", "like"]
    inbox.undo(actor, {"type": "Undo", "actor": actor.uri,
                       "object": {"type": "Like", "id": "https://pixelfed.example/l/1"}})
    assert list(Reaction.objects.values_list("kind", flat=True)) == ["announce"]


def test_an_account_deleted_takes_its_follow_and_held_replies_along():
    post = PostFactory()
    actor = remote("gone", "mastodon.example")
    Follower.objects.create(actor=actor, follow_id="https://mastodon.example/f/1")
    inbox.create(actor, {"type": "Create", "actor": actor.uri, "id": "x",
                         "object": {"type": "Note", "id": f"{actor.uri}/statuses/5",
                                    "inReplyTo": f"{SITE}/fediverse/posts/{post.pk}",
                                    "content": "<p>Hej</p>"}})
    inbox.delete(actor, {"type": "Delete", "actor": actor.uri, "object": actor.uri})
    assert not Follower.objects.exists() and not Comment.objects.exists()


def test_a_flood_from_one_server_is_slowed(monkeypatch, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "fediverse-flood"}}
    monkeypatch.setattr(inbox, "PER_MINUTE", 3)
    while time.time() % 60 > 58:
        time.sleep(0.5)
    limited = [inbox._rate_limited("flood.example") for _ in range(5)]
    assert limited == [False, False, False, True, True]
    assert inbox._rate_limited("calm.example") is False


def test_likes_and_boosts_are_counted_on_the_posts_page_as_they_come_and_go(client):
    post = PostFactory()
    assert "I fediversum" not in client.get(post.get_absolute_url()).content.decode()
    first, second = remote("karin", "mastodon.example"), remote("eva", "misskey.example")
    for number, (actor, kind) in enumerate([(first, "Like"), (second, "Like"),
                                            (second, "Announce")]):
        inbox.react(actor, {"type": kind, "id": f"{actor.uri}/r/{number}", "actor": actor.uri,
                            "object": f"{SITE}/fediverse/posts/{post.pk}"})
    html = client.get(post.get_absolute_url()).content.decode()
    assert '<p class="fediverse-reactions">I fediversum: 2 gilla-markeringar, 1 knuff</p>' in html
    inbox.undo(first, {"type": "Undo", "actor": first.uri,
                       "object": {"type": "Like", "id": f"{first.uri}/r/0"}})
    html = client.get(post.get_absolute_url()).content.decode()
    assert "I fediversum: 1 gilla-markering, 1 knuff" in html
