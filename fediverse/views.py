"""The fediverse's addresses: discovery (WebFinger, NodeInfo), the actor, its
collections, each post as an object, and the inbox.

One address answers JSON to servers and HTML to browsers (the actor and each post
redirect a browser to the site), so nothing here is kept by a shared cache: a copy
made for one would be served to the other (``Vary: Accept`` alone splits a cache on
every browser's own header). With the fediverse off, none of these exist.
"""

import json
from http import HTTPStatus

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import patch_vary_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from comments.models import Comment
from core.no_store import never_stored
from core.site_url import absolute
from posts.models import Post

from . import activities, publishing
from .models import Follower

ACTIVITY_JSON = "application/activity+json"
OUTBOX_SIZE = 20


def _enabled():
    if not publishing.enabled():
        raise Http404


def wants_json(request):
    accept = request.headers.get("Accept", "")
    return "application/activity+json" in accept or "application/ld+json" in accept


def _json(document, content_type=ACTIVITY_JSON):
    response = HttpResponse(json.dumps(document), content_type=content_type)
    patch_vary_headers(response, ["Accept"])
    return never_stored(response)


@require_GET
def webfinger(request):
    _enabled()
    resource = request.GET.get("resource", "")
    account = f"acct:{activities.handle()}@{activities.domain()}"
    if resource not in (account, activities.actor_id(), absolute("/")):
        raise Http404
    return _json({
        "subject": account,
        "aliases": [activities.actor_id(), absolute("/")],
        "links": [
            {"rel": "self", "type": ACTIVITY_JSON, "href": activities.actor_id()},
            {"rel": "http://webfinger.net/rel/profile-page", "type": "text/html",
             "href": absolute("/")},
        ],
    }, "application/jrd+json")


@require_GET
def nodeinfo_links(request):
    _enabled()
    return _json({"links": [{"rel": "http://nodeinfo.diaspora.software/ns/schema/2.1",
                             "href": absolute("/nodeinfo/2.1")}]}, "application/json")


@require_GET
def nodeinfo(request):
    _enabled()
    return _json({
        "version": "2.1",
        "software": {"name": "huddinge-site", "version": "1.0"},
        "protocols": ["activitypub"],
        "services": {"inbound": [], "outbound": ["rss2.0", "atom1.0"]},
        "openRegistrations": False,
        "usage": {"users": {"total": 1}, "localPosts": Post.objects.published().count()},
        "metadata": {"nodeName": settings.SITE_NAME},
    }, "application/json")


@require_GET
def actor(request, handle=None):
    _enabled()
    if handle is not None and handle != activities.handle():
        raise Http404
    if not wants_json(request):
        return never_stored(redirect("/"))
    return _json(activities.actor_document())


@require_GET
def post_object(request, pk):
    _enabled()
    post = get_object_or_404(Post.objects.published(), pk=pk)
    if not wants_json(request):
        return never_stored(redirect(post.get_absolute_url()))
    return _json({"@context": activities.CONTEXT, **activities.article(post)})


@require_GET
def comment_object(request, pk):
    """The blog's answer to a reply from the fediverse, while it is public."""
    _enabled()
    comment = get_object_or_404(Comment.objects.public().select_related("parent", "post"),
                                pk=pk, user__isnull=False, parent__kind=Comment.Kind.FEDIVERSE)
    if not wants_json(request):
        return never_stored(redirect(comment.get_absolute_url()))
    replied_to = publishing.replied_to(comment)
    if replied_to is None:
        raise Http404
    return _json({"@context": activities.CONTEXT, **activities.answer(comment, replied_to)})


@require_GET
def outbox(request):
    _enabled()
    posts = (Post.objects.published().filter(import_ref__isnull=True)
             .prefetch_related("tags").order_by("-published_at")[:OUTBOX_SIZE])
    return _json({
        "@context": activities.CONTEXT, "id": absolute(request.path),
        "type": "OrderedCollection",
        "totalItems": Post.objects.published().filter(import_ref__isnull=True).count(),
        "orderedItems": [activities.create(post) for post in posts],
    })


@require_GET
def followers(request):
    _enabled()
    return _json({"@context": activities.CONTEXT, "id": activities.followers_id(),
                  "type": "OrderedCollection", "totalItems": Follower.objects.count()})


@csrf_exempt
@require_POST
def inbox_view(request):
    from . import inbox

    _enabled()
    try:
        status = inbox.receive(request)
    except inbox.Rejected as refusal:
        response = JsonResponse({"error": str(refusal)}, status=refusal.status)
        if refusal.status in {HTTPStatus.TOO_MANY_REQUESTS, HTTPStatus.SERVICE_UNAVAILABLE}:
            response["Retry-After"] = "60"
        return never_stored(response)
    return never_stored(HttpResponse(status=status))
