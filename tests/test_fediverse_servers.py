"""Activities as the big fediverse servers shape them (Mastodon, GoToSocial, Pixelfed,
Misskey, written after their documented forms), each read and answered right, and
the rate limit on one server's flood of follows, a scheduled post sent at its time, and a
block from the admin."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks.backends.database.models import DBTaskResult

from comments.models import Comment
from comments.status import set_status
from fediverse import inbox, tasks
from fediverse.models import Block, Follower, Reaction, RemoteActor
from posts.models import Post
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


def test_a_scheduled_post_goes_out_at_its_time_and_not_before(
        django_capture_on_commit_callbacks):
    Follower.objects.create(actor=remote("karin", "mastodon.example"), follow_id="f")
    when = timezone.now() + timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        post = PostFactory(title="Snart", published_at=when)
    announce = DBTaskResult.objects.get(task_path="fediverse.tasks.announce_post")
    assert announce.run_after == when and announce.args_kwargs["args"] == [post.pk, "create"]
    tasks.announce_post.call(post.pk, "create")
    assert not DBTaskResult.objects.filter(task_path="fediverse.tasks.deliver_batch").exists()
    Post.objects.filter(pk=post.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    tasks.announce_post.call(post.pk, "create")
    batch = DBTaskResult.objects.get(task_path="fediverse.tasks.deliver_batch")
    inboxes, activity = batch.args_kwargs["args"]
    assert inboxes == ["https://mastodon.example/users/karin/inbox"]
    assert activity["type"] == "Create" and activity["object"]["name"] == "Snart"


def test_blocking_a_server_in_the_admin_removes_and_hides_what_it_sent(staff_client):
    post = PostFactory()
    actor = remote("troll", "bad.example")
    Follower.objects.create(actor=actor, follow_id="f")
    inbox.react(actor, {"type": "Like", "id": f"{actor.uri}/l/1", "actor": actor.uri,
                        "object": f"{SITE}/fediverse/posts/{post.pk}"})
    for number in (1, 2):
        inbox.create(actor, {"type": "Create", "actor": actor.uri, "id": f"a{number}",
                             "object": {"type": "Note", "id": f"{actor.uri}/statuses/{number}",
                                        "inReplyTo": f"{SITE}/fediverse/posts/{post.pk}",
                                        "content": f"<p>Svar {number}</p>"}})
    set_status(Comment.objects.filter(remote_id=f"{actor.uri}/statuses/1"),
               Comment.Status.APPROVED, StaffFactory())
    response = staff_client.post("/admin/fediverse/block/add/", {"target": "bad.example"})
    assert response.status_code == 302 and Block.objects.get().target == "bad.example"
    assert not Follower.objects.exists() and not Reaction.objects.exists()
    assert list(Comment.objects.values_list("status", flat=True)) == ["trash"]
    assert "Svar 1" not in staff_client.get(post.get_absolute_url()).content.decode()
