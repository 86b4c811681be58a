"""Whole-page caching for anonymous visitors, with exact invalidation.

Every public page is stored once rendered and served from the cache (Redis in
production, shared by all workers and machines) until something it shows
changes. Pages carry *tags*: a post's or standing page's page is tagged with
its own address (a standing page also with ``lists``: it may be the posts page),
every listing (home, archives, categories, tags, search,
feeds, sitemap, the press page) with ``lists``, comment feeds with
``comments``, and every page with ``everything``. Each tag has a version token
in the cache; a stored page remembers the tokens it was built under and is
served only while they are all current. Invalidating a tag is writing a new
token, which any worker sees at once, and nothing else has to be found or
deleted. A hit costs one round trip for the tag versions: each worker keeps the
pages it served lately and fetches a page body only when its own copy is
missing or stale.

What changes what is one rule, in ``huddinge_site.invalidation``: the pages an
object was shown on before a change and the pages it is shown on after. A
public standing page shows in the menu of every page, so changing one
invalidates ``everything``; that happens a few times a year. A scheduled post
has no event when its time comes, so no page is kept past the next scheduled
publication time (``core.lifetimes``): it changes the lists and the links under
the posts beside it.

Only pages asked for under the site's own host (``SITE_URL``) are stored or
served. Nothing personal is cached: requests with a live session (staff) or a
commenter's validly signed cookie bypass the cache both ways (a made-up cookie does
not, or anyone could make every request a render), and responses that set cookies or say
``private``/``no-store`` are never stored. Public pages tell browsers to
revalidate every time (``ETag``/``Last-Modified`` make that a cheap 304) and
let a shared cache in front keep them for ``PAGE_CACHE_SHARED_SECONDS``.

When a page is missing, one request renders it while the others wait for its
copy (``core.single_flight``).

Invalidation happens at once and again after the surrounding transaction
commits, so a request racing the commit cannot store the old content; after
the commit the front caches get their bans (``core.front_cache``).

An invalidation is never lost to a cache fault or a process dying. The tags are
recorded in the database with the change (``core.outbox``) and applied after the
commit by a thread, and by any other process when that one cannot; when the new
versions cannot be written, the old ones are deleted instead where the cache still
allows it (a full Redis or disk does), which makes every page of those tags a miss
everywhere. While its invalidations fail this process serves pages uncached. With Redis,
each process also follows the versions over pub/sub (``core.version_feed``),
serves uncached while that subscription is down, and invalidates
``everything`` when it finds Redis restarted (a restore from a snapshot brings
back old versions with old pages).
"""

import hashlib
import logging
import time
import uuid
from functools import lru_cache

from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe, urlencode
from django.utils.module_loading import import_string

from . import front_cache, lifetimes, version_feed
from .batching import Deferred
from .client_ip import client_ip
from .outage import outage
from .outbox import Outbox
from .recent_pages import RecentPages
from .single_flight import one_render
from .site_url import is_site_host

logger = logging.getLogger(__name__)
PERSONAL_COOKIES = ("comment_author", "comment_pending")
CACHEABLE_TYPES = ("text/html", "application/rss+xml", "application/atom+xml",
                   "application/xml", "text/plain")
LISTS, COMMENTS, EVERYTHING = "lists", "comments", "everything"


class CacheUnavailable(Exception):
    pass


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
def tags_for(path):
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




def invalidate(tags):
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
    """New versions for ``tags``, or none at all where the cache refuses writes."""
    cache = get_tag_cache()
    keys = [_tag_key(tag) for tag in tags]
    versions = {key: uuid.uuid4().hex for key in keys}
    try:
        cache.set_many(versions, None)
    except Exception as error:
        outage.record(error)
        cache.delete_many(keys)
        versions = dict.fromkeys(keys)
    feed = _feed()
    if feed is not None:
        feed.announce(versions)
    return None not in versions.values()


def _apply(tags):
    """What a committed invalidation does: new versions again (a request racing the commit
    may have stored the old page under the first ones), then the front caches' bans."""
    if not _write_versions(tags):
        raise CacheUnavailable("the cache still refuses new versions")
    front_cache.ban(tags)


invalidations = Outbox(_apply)


_deferred = Deferred(invalidate)
batched = _deferred.batched


def page_tag(url):
    """The tag of the one page at ``url`` (a post or a standing page)."""
    return f"page:{url}"


def _feed():
    if not settings.PAGE_CACHE_PUSH:
        return None
    return version_feed.feed_for(settings.PAGE_CACHE_TAG_ALIAS, on_restart=_cache_restarted)


def _cache_restarted():
    """Redis came back as another server, maybe from an old snapshot: nothing in it is trusted."""
    logger.warning("Page cache restarted: every cached page is invalidated")
    if not _write_versions([EVERYTHING]):
        raise CacheUnavailable("the restarted cache refuses new versions")
    front_cache.ban([EVERYTHING])


def _versions(cache, keys):
    """Current versions of ``keys``: from the pushed table when it knows them, else Redis."""
    feed = _feed()
    known = feed.get(keys) if feed is not None else None
    if known is not None:
        return known
    found = cache.get_many(keys)
    values = [found.get(key) for key in keys]
    if feed is not None:
        feed.remember(keys, values)
    return values


def current_version(tag):
    """The version of ``tag`` now (given one if it has none yet), or ``None`` while the
    cache cannot be trusted to say, exactly when pages are served uncached: a key for
    values derived from what the tag covers, so they are cached as long as its pages."""
    feed = _feed()
    if outage.active() or invalidations.failing or (feed is not None and not feed.ready):
        return None
    try:
        cache, keys = get_tag_cache(), [_tag_key(tag)]
        return _ensure_versions(cache, keys, _versions(cache, keys))[0]
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
    current = [found.get(key) for key in keys]
    feed = _feed()
    if feed is not None:
        feed.remember(keys, current)
    return current


def _bypass(request):
    if not settings.PAGE_CACHE_ENABLED or request.method not in {"GET", "HEAD"}:
        return True
    if request.path.startswith(settings.PAGE_CACHE_EXCLUDED_PREFIXES):
        return True
    if not is_site_host(request):
        return True
    return _has_session(request) or any(_signed(request, name) for name in PERSONAL_COOKIES)


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


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.recent = RecentPages(settings.PAGE_CACHE_LOCAL_PAGES)
        if settings.PAGE_CACHE_SWEEP:
            invalidations.start()

    def __call__(self, request):
        if _bypass(request):
            return self.get_response(request)
        if outage.active() or invalidations.failing:
            return self._render(request, None, None, None, tags_for(request.path))
        try:
            return self._cached(request, get_cache())
        except CacheUnavailable:
            return self._render(request, None, None, None, tags_for(request.path))

    def _cached(self, request, cache):
        page_key = _page_key(cache_key_path(request))
        tags = tags_for(request.path)
        tag_keys = [_tag_key(tag) for tag in tags]
        tag_cache = get_tag_cache()
        feed = _feed()
        if feed is not None and not feed.ready:
            raise CacheUnavailable("the version feed is not subscribed")
        try:
            versions = _versions(tag_cache, tag_keys)
            page = self.recent.get(page_key)
            if not _fresh(page, versions):
                page = cache.get(page_key) if None not in versions else None
                if _fresh(page, versions):
                    self.recent.put(page_key, page)
        except Exception as error:
            outage.record(error)
            raise CacheUnavailable from error
        if _fresh(page, versions):
            return _tag_header(self._from_cache(request, page), tags)
        try:
            versions = _ensure_versions(tag_cache, tag_keys, versions)
        except Exception as error:
            outage.record(error)

        def fresh_copy():
            stored = cache.get(page_key)
            return stored if _fresh(stored, versions) else None

        with one_render(cache, page_key, fresh_copy) as page:
            if page is not None:
                self.recent.put(page_key, page)
                return _tag_header(self._from_cache(request, page), tags)
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
        self.recent.put(page_key, page)

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
