"""Whole-page caching for anonymous visitors, with exact invalidation.

Every public page is stored once rendered and served from the cache (Redis in
production, shared by all workers and machines) until something it shows
changes. Pages carry *tags*: a post's page is tagged with its own address,
every listing (home, archives, categories, tags, search, feeds, sitemap, the
press page) with ``lists``, comment feeds with ``comments``. Each tag has a
version token in the cache; a stored page remembers the tokens it was built
under and is served only while they are all current. Invalidating a tag is
writing a new token, which any worker sees at once, and nothing else has to be
found or deleted. One ``get_many`` round trip serves a hit.

What changes what (see the ``signals`` modules): saving a post invalidates its
page (old and new address) and ``lists``; a comment's post page, ``lists``
(the comment counts) and ``comments``. Moderation actions that update many
comments call ``invalidate_posts`` themselves. A scheduled post has no event
when its time comes, so listings are never kept past the next scheduled
publication time.

Nothing personal is cached: requests with a session (staff) or a commenter's
cookie bypass the cache both ways, and responses that set cookies or say
``private``/``no-store`` are never stored. Public pages tell browsers to
revalidate every time (``ETag``/``Last-Modified`` make that a cheap 304) and
let a shared cache in front keep them for ``PAGE_CACHE_SHARED_SECONDS``.

Invalidation happens at once and again after the surrounding transaction
commits, so a request racing the commit cannot store the old content.
"""

import hashlib
import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

PERSONAL_COOKIES = ("comment_author", "comment_pending")
CACHEABLE_TYPES = ("text/html", "application/rss+xml", "application/atom+xml",
                   "application/xml", "text/plain")
LISTS, COMMENTS = "lists", "comments"


def get_cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def _digest(text):
    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()


def _tag_key(tag):
    return f"pagecache:tag:{_digest(tag)}"


def _page_key(path):
    return f"pagecache:page:{_digest(path)}"


def tags_for(path):
    try:
        match = resolve(path)
    except Resolver404:
        return (LISTS,)
    if match.view_name == "posts:detail":
        return (f"page:{path}",)
    if match.view_name in {"comments:feed", "comments:post-feed"}:
        return (COMMENTS,)
    return (LISTS,)


def invalidate(tags, cache=None):
    """Give each tag a new version now and once more after the transaction commits."""
    tags = sorted(set(tags))

    def bump():
        (cache or get_cache()).set_many({_tag_key(t): uuid.uuid4().hex for t in tags}, None)

    bump()
    transaction.on_commit(bump, robust=True)


def invalidate_posts(urls, comments=False, cache=None):
    invalidate([LISTS, *(f"page:{url}" for url in urls), *([COMMENTS] if comments else [])],
               cache=cache)


def _bypass(request):
    if request.method not in {"GET", "HEAD"}:
        return True
    if request.path.startswith(settings.PAGE_CACHE_EXCLUDED_PREFIXES):
        return True
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME in cookies or any(c in cookies for c in PERSONAL_COOKIES)


def _storable(response):
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.cookies
        and not response.streaming
        and not any(word in control for word in ("private", "no-store", "no-cache"))
        and response.get("Content-Type", "").split(";")[0] in CACHEABLE_TYPES
    )


def _ttl(tags):
    ttl = settings.PAGE_CACHE_SECONDS
    if LISTS in tags:
        from posts.models import Post

        upcoming = Post.next_scheduled_time()
        if upcoming is not None:
            ttl = max(1, min(ttl, int(upcoming - time.time()) + 1))
    return ttl


def _public_headers(response):
    patch_cache_control(response, public=True, max_age=0,
                        s_maxage=settings.PAGE_CACHE_SHARED_SECONDS)
    response.headers.setdefault("Last-Modified", http_date())


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _bypass(request):
            response = self.get_response(request)
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True, no_cache=True)
            return response
        cache = get_cache()
        path = request.get_full_path()
        tags = tags_for(request.path)
        tag_keys = [_tag_key(tag) for tag in tags]
        found = cache.get_many([_page_key(path), *tag_keys])
        stored = found.get(_page_key(path))
        versions = [found.get(key) for key in tag_keys]
        if stored and None not in versions and stored["versions"] == versions:
            return self._from_cache(stored)
        response = self.get_response(request)
        if _storable(response):
            for key, version in zip(tag_keys, versions, strict=True):
                if version is None:
                    cache.add(key, uuid.uuid4().hex, None)
            current = cache.get_many(tag_keys)
            _public_headers(response)
            self._store(cache, path, response, [current.get(k) for k in tag_keys], tags)
            response["X-Page-Cache"] = "miss"
        elif not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        return response

    @staticmethod
    def _store(cache, path, response, versions, tags):
        if None in versions:
            return
        response.headers.setdefault(
            "ETag", f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
        )
        stored = {
            "versions": versions,
            "content": response.content,
            "headers": [(k, v) for k, v in response.items() if k.lower() != "x-page-cache"],
        }
        cache.set(_page_key(path), stored, _ttl(tags))

    @staticmethod
    def _from_cache(stored):
        response = HttpResponse(stored["content"])
        for name, value in stored["headers"]:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response
