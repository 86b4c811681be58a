"""What the blog does with an activity another server sends it.

Nothing a remote server sends is trusted or shown before a person decides:

- the request must be signed by a key the named actor owns (``signatures`` for the
  draft Mastodon signs with, ``message_signatures`` for RFC 9421; ``remote``),
  within ``MAX_BYTES``, from a server that is not blocked and not over ``PER_MINUTE``
  requests a minute;
- ``Follow`` of the blog makes a follower and is answered with ``Accept``; ``Undo``
  takes a follow, like or boost back;
- ``Like`` and ``Announce`` of a post are counted on it;
- ``Create`` of a note replying to a public post (or to a comment under one) makes
  a comment held for moderation, kind *fediverse*, under the same discussion rules
  as the form (closed posts and too deep threads refused) and with its text cleaned
  like every comment's; ``Delete`` of it removes it; ``Delete`` of an account
  removes its follow, reactions and held comments; ``Move`` of a follower follows
  the new account if it names the old one.
"""

import json
from http import HTTPStatus
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.urls import Resolver404, resolve
from django.utils import timezone

from comments import moderation, notifications
from comments.models import BODY_MAX_LENGTH, Comment, ModerationSettings
from core.sanitizer import paragraphs_text
from posts.models import Post

from . import activities, delivery, message_signatures, remote, signatures
from .models import Block, Follower, Reaction, RemoteActor
from .remote import object_id

MAX_BYTES = 256 * 1024
PER_MINUTE = 120


class Rejected(Exception):
    def __init__(self, status, reason):
        super().__init__(reason)
        self.status = status


def _blocked(uri):
    host = urlsplit(uri).hostname or ""
    return Block.objects.filter(target__in=[uri, host]).exists()


def _rate_limited(host):
    """Whether ``host`` sent more than ``PER_MINUTE`` this minute. The count lives in the
    cache; while it is down a flood cannot be told, so the sender is asked to come back
    (a 503, which every server retries) rather than let in uncounted."""
    key = f"fediverse-rate:{host}:{int(timezone.now().timestamp() // 60)}"
    try:
        cache.add(key, 0, 120)
        return cache.incr(key) > PER_MINUTE
    except ValueError:
        return False
    except Exception as error:
        raise Rejected(HTTPStatus.SERVICE_UNAVAILABLE, "try again later") from error


def _owner(key_id, refresh):
    """The actor owning ``key_id``, unless its server or the actor is refused."""
    if not refresh:
        if _blocked(key_id.split("#")[0]):
            raise Rejected(HTTPStatus.FORBIDDEN, "blocked")
        if _rate_limited(urlsplit(key_id).hostname or ""):
            raise Rejected(HTTPStatus.TOO_MANY_REQUESTS, "too many requests")
    try:
        actor = remote.key_owner(key_id, refresh=refresh)
    except remote.Unusable as error:
        raise Rejected(HTTPStatus.UNAUTHORIZED, str(error)) from error
    if _blocked(actor.uri):
        raise Rejected(HTTPStatus.FORBIDDEN, "blocked")
    return actor


def _draft_check(request, headers, body):
    try:
        parameters = signatures.parse(headers.get("signature", ""))
        signed = signatures.check_request(parameters, request.method,
                                          request.get_full_path(), headers, body)
    except signatures.Invalid as error:
        raise Rejected(HTTPStatus.UNAUTHORIZED, str(error)) from error

    def check(refresh):
        actor = _owner(parameters["keyId"], refresh)
        return actor if signatures.verify(signed, parameters["signature"],
                                          actor.public_pem) else None
    return check


def _rfc9421_check(request, headers, body):
    url = settings.SITE_URL.rstrip("/") + request.get_full_path()

    def check(refresh):
        try:
            actor = message_signatures.verify(request.method, url, headers, body,
                                              lambda key_id: _owner(key_id, refresh))
        except signatures.Invalid as error:
            raise Rejected(HTTPStatus.UNAUTHORIZED, str(error)) from error
        if actor is not None and not actor.takes_rfc9421:
            RemoteActor.objects.filter(domain=actor.domain).update(takes_rfc9421=True)
        return actor
    return check


def authenticate(request, body):
    """The actor that signed ``request`` (RFC 9421 or the draft), or ``Rejected``;
    a key that does not verify is fetched again once (it may have been rotated)."""
    headers = {name.lower(): value for name, value in request.headers.items()}
    checker = _rfc9421_check if "signature-input" in headers else _draft_check
    check = checker(request, headers, body)
    for refresh in (False, True):
        actor = check(refresh)
        if actor is not None:
            delivery.heard_from(actor.domain)
            return actor
    raise Rejected(HTTPStatus.UNAUTHORIZED, "the signature does not verify")


def receive(request):
    """Handle one POST to the inbox; returns the status to answer."""
    body = request.body if int(request.headers.get("Content-Length") or 0) <= MAX_BYTES else b""
    if not body or len(body) > MAX_BYTES:
        raise Rejected(HTTPStatus.REQUEST_ENTITY_TOO_LARGE if body or request.headers.get(
            "Content-Length") else HTTPStatus.BAD_REQUEST, "no body, or too large")
    try:
        activity = json.loads(body)
    except ValueError as error:
        raise Rejected(HTTPStatus.BAD_REQUEST, "not JSON") from error
    if not isinstance(activity, dict):
        raise Rejected(HTTPStatus.BAD_REQUEST, "not an activity")
    actor = authenticate(request, body)
    if object_id(activity.get("actor")) != actor.uri:
        raise Rejected(HTTPStatus.UNAUTHORIZED, "the key does not belong to the actor")
    handler = HANDLERS.get(activity.get("type"))
    if handler is None:
        return HTTPStatus.ACCEPTED
    return handler(actor, activity) or HTTPStatus.ACCEPTED


def _own(address):
    """Which of the blog's addresses ``address`` is (a resolver match), or ``None``."""
    parts = urlsplit(address)
    if f"{parts.scheme}://{parts.netloc}" != settings.SITE_URL.rstrip("/"):
        return None
    try:
        return resolve(parts.path)
    except Resolver404:
        return None


def _post_for(address):
    """The public post ``address`` names: its fediverse id or its permalink."""
    match = _own(address)
    published = Post.objects.published()
    if match is None:
        return None
    if match.view_name == "fediverse:post":
        return published.filter(pk=match.kwargs["pk"]).first()
    if match.view_name == "posts:detail":
        path = urlsplit(address).path
        return next((post for post in published.filter(slug=match.kwargs["slug"])
                     if post.get_absolute_url() == path), None)
    return None


def _comment_for(address):
    """The comment ``address`` names: a reply from the fediverse, or the blog's own
    answer to one (``/fediverse/comments/<pk>``)."""
    found = Comment.objects.filter(remote_id=address).first()
    match = _own(address) if found is None else None
    if match is not None and match.view_name == "fediverse:comment":
        found = Comment.objects.public().filter(pk=match.kwargs["pk"]).first()
    return found


def follow(actor, activity):
    if object_id(activity.get("object")) != activities.actor_id():
        return HTTPStatus.ACCEPTED
    Follower.objects.update_or_create(actor=actor, defaults={"follow_id": object_id(activity)})
    from . import tasks

    accept = activities.accept({"id": object_id(activity), "type": "Follow", "actor": actor.uri,
                                "object": activities.actor_id()})
    transaction.on_commit(lambda: tasks.deliver.enqueue(actor.inbox, accept))
    return HTTPStatus.ACCEPTED


def undo(actor, activity):
    inner = activity.get("object")
    kind = inner.get("type") if isinstance(inner, dict) else None
    if kind == "Follow" or (kind is None and Follower.objects.filter(
            actor=actor, follow_id=object_id(inner)).exists()):
        Follower.objects.filter(actor=actor).delete()
    else:
        Reaction.objects.filter(actor=actor, activity_id=object_id(inner)).delete()
    return HTTPStatus.ACCEPTED


def react(actor, activity):
    post = _post_for(object_id(activity.get("object")))
    if post is None:
        return HTTPStatus.ACCEPTED
    kind = Reaction.Kind.LIKE if activity["type"] == "Like" else Reaction.Kind.ANNOUNCE
    Reaction.objects.update_or_create(post=post, actor=actor, kind=kind,
                                      defaults={"activity_id": object_id(activity)})
    return HTTPStatus.ACCEPTED


def create(actor, activity):
    note = activity.get("object")
    if not isinstance(note, dict) or note.get("type") not in ("Note", "Article"):
        return HTTPStatus.ACCEPTED
    if object_id(note.get("attributedTo")) not in ("", actor.uri):
        raise Rejected(HTTPStatus.UNAUTHORIZED, "the note is someone else's")
    replied_to = object_id(note.get("inReplyTo"))
    parent = _comment_for(replied_to) if replied_to else None
    post = parent.post if parent else _post_for(replied_to)
    if post is None:
        return HTTPStatus.ACCEPTED
    rules = ModerationSettings.current()
    if moderation.comments_closed(post, rules):
        raise Rejected(HTTPStatus.FORBIDDEN, "comments are closed")
    if parent is not None and moderation.reply_problem(post, parent, rules):
        raise Rejected(HTTPStatus.FORBIDDEN, "the thread cannot take this reply")
    content = note.get("content")
    body = paragraphs_text(content if isinstance(content, str) else "")[:BODY_MAX_LENGTH]
    if not body or not object_id(note):
        raise Rejected(HTTPStatus.BAD_REQUEST, "an empty note")
    comment, made = Comment.objects.get_or_create(remote_id=object_id(note), defaults={
        "post": post, "parent": parent, "kind": Comment.Kind.FEDIVERSE,
        "author_name": (actor.name or actor.handle)[:100], "author_email": "",
        "author_url": actor.profile_url[:300], "avatar": actor.avatar, "body": body,
        "status": Comment.Status.PENDING, "reason": "fediverse",
        "submitted_at": timezone.now(),
    })
    if made and rules.notify_moderators:
        transaction.on_commit(lambda: notifications.notify_held(comment))
    return HTTPStatus.ACCEPTED


def delete(actor, activity):
    target = object_id(activity.get("object"))
    if target == actor.uri:
        Comment.objects.filter(remote_id__isnull=False, author_url=actor.profile_url,
                               status=Comment.Status.PENDING).delete()
        RemoteActor.objects.filter(pk=actor.pk).delete()
        return HTTPStatus.ACCEPTED
    Comment.objects.filter(remote_id=target, kind=Comment.Kind.FEDIVERSE,
                           author_url=actor.profile_url).delete()
    return HTTPStatus.ACCEPTED


def move(actor, activity):
    """A follower moved to a new account: the new one follows instead, if it names the
    old one among its ``alsoKnownAs`` (as Mastodon checks: anyone can claim a move)."""
    target = object_id(activity.get("target"))
    if not target or not Follower.objects.filter(actor=actor).exists():
        return HTTPStatus.ACCEPTED
    try:
        document = remote.fetch_json(target)
        known_as = document.get("alsoKnownAs")
        if actor.uri not in (known_as if isinstance(known_as, list) else [known_as]):
            raise Rejected(HTTPStatus.FORBIDDEN, "the new account does not name the old one")
        moved = remote.actor(target, refresh=True, document=document)
    except remote.Unusable:
        return HTTPStatus.ACCEPTED
    Follower.objects.filter(actor=actor).delete()
    Follower.objects.get_or_create(actor=moved, defaults={"follow_id": object_id(activity)})
    return HTTPStatus.ACCEPTED


HANDLERS = {"Follow": follow, "Undo": undo, "Like": react, "Announce": react,
            "Create": create, "Delete": delete, "Move": move}
