"""Whole-page caching for anonymous visitors, with exact invalidation.

Every public page is stored once rendered (Redis in production, shared by every worker and
machine; a file cache otherwise) until something it shows changes. Pages carry *tags*: a
post's or standing page's page its own address (a standing page also ``lists``: it may be
the posts page), every listing, feed, sitemap and the press page ``lists``, comment feeds
``comments``, and every page ``everything``. Each tag has a version token; a page is served
only while the tokens it was stored under are all current, so invalidating is writing new
tokens and nothing has to be found or deleted. A hit is one round trip (the page and its
tags' versions in one ``get_many``) and nothing is kept in a worker's memory, so a paused or
restored cache leaves no worker serving a copy of its own.

What changes what is one rule, ``huddinge_site.invalidation``; how an invalidation reaches
every cache is ``core.outbox``. No page outlives the next scheduled publication
(``core.lifetimes``). Only the site's own host is cached, and nothing personal: a live
session or a commenter's validly signed cookie bypasses the cache both ways (a made-up
cookie does not, or anyone could make every request a render), and a response that sets
cookies or says ``private``/``no-store`` is never stored. Public pages tell browsers to
revalidate (``ETag``/``Last-Modified`` make that a cheap 304) and let a shared cache keep
them for ``PAGE_CACHE_SHARED_SECONDS``. While a process's invalidations fail (the outbox's
``failing``) or its cache errs (``core.outage``), it serves pages uncached.
"""

import hashlib
import logging
import time
import uuid
from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe, urlencode
from django.utils.module_loading import import_string

from . import front_cache, lifetimes
from .batching import Deferred
from .cache_restarts import RestartWatch
from .client_ip import client_ip
from .outage import outage
from .outbox import Outbox
from .site_url import is_site_host

logger = logging.getLogger(__name__)
PERSONAL_COOKIES = ("comment_author", "comment_pending")
CACHEABLE_TYPES = ("text/html", "application/rss+xml", "application/atom+xml",
                   "application/xml", "text/plain")
LISTS, COMMENTS, EVERYTHING = "lists", "comments", "everything"


def get_cache():
    """Where pages are stored."""
    return caches[settings.PAGE_CACHE_ALIAS]


def get_tag_cache():
    """Where tag versions are kept: apart from the pages, so that pages filling the cache
    can never evict a version (which would cool every page of that tag at once)."""
    return caches[settings.PAGE_CACHE_TAG_ALIAS]


def _digest(text):
    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()


def _tag_key(tag):
    return f"pagecache:tag:{_digest(tag)}"


KEY_PARAMETERS = ("s", "page", "replytocom", "p", "page_id")
"""The query parameters that change a page. Others (``utm_*``, ``fbclid``, anything
made up) are left out of the key, so they share the one cached copy instead of
filling the cache with a render each."""


def cache_key_path(request):
    kept = sorted((name, value) for name, values in request.GET.lists()
                  if name in KEY_PARAMETERS for value in values)
    return request.path + (f"?{urlencode(kept)}" if kept else "")


def _page_key(path):
    return f"pagecache:page:{_digest(path)}"


@lru_cache(maxsize=4096)
def tags_for(path: str) -> tuple[str, ...]:
    """The tags of the page at ``path``; remembered, since URL patterns never change at run time."""
    try:
        view_name = resolve(path).view_name
    except Resolver404:
        view_name = None
    if view_name == "posts:detail":
        return (page_tag(path), EVERYTHING)
    if view_name == "pages:detail":
        return (page_tag(path), LISTS, EVERYTHING)
    if view_name in {"comments:feed", "comments:post-feed"}:
        return (COMMENTS, EVERYTHING)
    return (LISTS, EVERYTHING)


def invalidate(tags: Iterable[str]) -> None:
    """Give each tag a new version now, and record the tags with the transaction for every
    cache to take once it commits (``core.outbox``)."""
    tags = sorted(set(tags))
    if not tags or _deferred.absorb(tags):
        return
    try:
        _write_versions(tags)
    except Exception as error:
        outage.record(error)
    invalidations.record(tags)


def _write_versions(tags):
    """New versions for ``tags``; where the cache refuses writes (a full Redis or disk) the
    old ones are deleted instead, making every page of those tags a miss, and it raises."""
    keys = [_tag_key(tag) for tag in tags]
    try:
        get_tag_cache().set_many({key: uuid.uuid4().hex for key in keys}, None)
    except Exception:
        get_tag_cache().delete_many(keys)
        raise


def _apply(tags):
    """What a committed invalidation does: new versions again (a request racing the commit
    may have stored the old page under the first ones), then the front caches' bans."""
    _write_versions(tags)
    front_cache.ban(tags)


invalidations = Outbox(_apply)
_deferred = Deferred(invalidate)
batched = _deferred.batched


def page_tag(url: str) -> str:
    """The tag of the one page at ``url`` (a post or a standing page)."""
    return f"page:{url}"


def _cache_restarted():
    """Redis came back as another server, maybe from an old snapshot: nothing in it is trusted."""
    logger.warning("Page cache restarted: every cached page is invalidated")
    invalidate([EVERYTHING])


restarts = RestartWatch(get_tag_cache, _cache_restarted)


def current_version(tag: str) -> str | None:
    """The version of ``tag`` now (given one if it has none yet), or ``None`` while the
    cache cannot be trusted to say, exactly when pages are served uncached: a key for
    values derived from what the tag covers, so they are cached as long as its pages."""
    if outage.active() or invalidations.failing:
        return None
    try:
        cache, keys = get_tag_cache(), [_tag_key(tag)]
        return _ensure_versions(cache, keys, [cache.get(keys[0])])[0]
    except Exception:
        return None


def _ensure_versions(cache, keys, versions):
    """Give tags that have no version one, before rendering.

    The page is stored under the versions read *before* it was rendered, so an
    invalidation that lands while it renders leaves it stale-marked, never fresh.
    """
    if None not in versions:
        return versions
    for key, version in zip(keys, versions, strict=True):
        if version is None:
            cache.add(key, uuid.uuid4().hex, None)
    found = cache.get_many(keys)
    return [found.get(key) for key in keys]


def _bypass(request):
    return (not settings.PAGE_CACHE_ENABLED or request.method not in {"GET", "HEAD"}
            or request.path.startswith(settings.PAGE_CACHE_EXCLUDED_PREFIXES)
            or not is_site_host(request) or _has_session(request)
            or any(_signed(request, name) for name in PERSONAL_COOKIES))


def _has_session(request):
    """Whether the session cookie names a live session: a made-up one is a visitor like
    any other, so ``Cookie: sessionid=x`` cannot make every request a render."""
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not session_key:
        return False
    store = import_string(settings.SESSION_ENGINE + ".SessionStore")(session_key)
    try:
        return bool(store.load())
    except Exception:
        return True


def _signed(request, name):
    """Whether the personal cookie ``name`` carries a valid signature (they are signed with
    their own name as salt); a forged one is ignored as the site ignores it."""
    value = request.COOKIES.get(name)
    if not value:
        return False
    try:
        signing.loads(value, salt=name)
    except signing.BadSignature:
        return False
    return True


def _storable(response):
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.cookies
        and not response.streaming
        and not any(word in control for word in ("private", "no-store", "no-cache"))
        and response.get("Content-Type", "").split(";")[0] in CACHEABLE_TYPES
    )


def _within_budget(cache, request):
    """Whether this client may add one more page to the cache this minute.

    Misses cost a render and a stored copy; without a bound one client making up
    searches or paths could fill the cache and push out what readers need. Past
    ``PAGE_CACHE_STORES_PER_CLIENT`` a minute its pages are still served, not stored.
    """
    key = f"pagecache:stores:{_digest(client_ip(request))}:{int(time.time() // 60)}"
    cache.add(key, 0, 120)
    try:
        return cache.incr(key) <= settings.PAGE_CACHE_STORES_PER_CLIENT
    except ValueError:
        return True


def _public_headers(response, ttl):
    patch_cache_control(response, public=True, max_age=0,
                        s_maxage=min(settings.PAGE_CACHE_SHARED_SECONDS, ttl))
    response.headers.setdefault("Last-Modified", http_date())


def _tag_header(response, tags):
    """The front cache's tags, added as a page leaves (never stored with it), so a page
    cached before a front cache was configured is still banned by it."""
    if settings.FRONT_CACHE_URLS:
        response["X-Cache-Tags"] = front_cache.header_value(tags)
    return response


def _fresh(page, versions):
    return (page is not None and None not in versions and page["versions"] == versions
            and page["expires"] > time.time())


class PrivateByDefaultMiddleware:
    """First of all middleware: a response that says nothing about caching is private.

    ``PageCacheMiddleware`` marks what it keeps public; everything else, whether it
    passed through the page cache or was answered before it (Django's HTTPS redirect,
    a refused address), must not be kept by a front cache by its own defaults: one
    plain-HTTP request would make a page an endless redirect for every HTTPS reader."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        return response


def _lookup(cache, page_key, tag_keys):
    """The stored page and its tags' current versions, in one round trip where pages and
    versions share a cache (Redis)."""
    if settings.PAGE_CACHE_TAG_ALIAS == settings.PAGE_CACHE_ALIAS:
        found = cache.get_many([page_key, *tag_keys])
    else:
        found = {**get_tag_cache().get_many(tag_keys), page_key: cache.get(page_key)}
    return found.get(page_key), [found.get(key) for key in tag_keys]


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        if settings.PAGE_CACHE_SWEEP:
            invalidations.start()

    def __call__(self, request):
        if _bypass(request):
            return self.get_response(request)
        tags = tags_for(request.path)
        if outage.active() or invalidations.failing:
            return self._render(request, None, None, None, tags)
        cache = get_cache()
        page_key = _page_key(cache_key_path(request))
        tag_keys = [_tag_key(tag) for tag in tags]
        try:
            restarts.check()
            page, versions = _lookup(cache, page_key, tag_keys)
            if _fresh(page, versions):
                return _tag_header(self._from_cache(request, page), tags)
            versions = _ensure_versions(get_tag_cache(), tag_keys, versions)
        except Exception as error:
            outage.record(error)
            restarts.recheck()
            return self._render(request, None, None, None, tags)
        return self._render(request, cache, page_key, versions, tags)

    def _render(self, request, cache, page_key, versions, tags):
        """Render the page and store it, or with ``cache`` ``None`` only render it (the
        cache is down or not trusted now): a front cache may keep it either way, since
        the bans that reach it do not depend on the page cache."""
        response = self.get_response(request)
        if _storable(response):
            ttl = lifetimes.seconds_to_keep()
            _public_headers(response, ttl)
            try:
                if cache is not None and _within_budget(cache, request):
                    self._store(cache, page_key, response, versions, ttl)
            except Exception as error:
                outage.record(error)
            if settings.PAGE_CACHE_STATUS_HEADER and cache is not None:
                response["X-Page-Cache"] = "miss"
            _tag_header(response, tags)
        return response

    def _store(self, cache, page_key, response, versions, ttl):
        if None in versions:
            return
        response.headers.setdefault(
            "ETag", f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
        )
        page = {
            "versions": versions,
            "expires": time.time() + ttl,
            "content": response.content,
            "etag": response["ETag"],
            "modified": parse_http_date_safe(response["Last-Modified"]),
            "headers": [(k, v) for k, v in response.items() if k.lower() != "x-page-cache"],
        }
        cache.set(page_key, page, ttl)

    @staticmethod
    def _from_cache(request, page):
        response = HttpResponse(page["content"])
        for name, value in page["headers"]:
            response[name] = value
        if settings.PAGE_CACHE_STATUS_HEADER:
            response["X-Page-Cache"] = "hit"
        meta = request.META
        if "HTTP_IF_NONE_MATCH" in meta or "HTTP_IF_MODIFIED_SINCE" in meta:
            return get_conditional_response(
                request, etag=page["etag"], last_modified=page["modified"], response=response
            )
        return response
