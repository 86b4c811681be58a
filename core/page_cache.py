"""Whole-page caching for anonymous visitors, with exact invalidation.

Every public page is stored once rendered (Redis in production, shared by every worker and
machine; a file cache otherwise) until something it shows changes. Pages carry *tags*: a
post's or standing page's page its own address (a standing page also ``lists``: it may be
the posts page), every listing, feed, sitemap and the press page ``lists``, comment feeds
``comments``, and every page ``everything``. Each tag has a version, a ``TagVersion`` row
written in the same transaction as the change, so a change and its invalidation commit or
roll back together and no cache fault, restart or restored snapshot can lose one. A page is
served only while the versions it was stored under are all current; nothing is kept in a
worker's memory. Reading the versions before rendering means a change landing meanwhile
leaves the page stored stale-marked, never fresh, and a front cache never gets it.

What changes what is one rule, ``huddinge_site.invalidation``; how an invalidation reaches
the front caches is ``core.front_cache``. No page outlives the next scheduled publication
(``core.lifetimes``). Only the site's own host is cached, and nothing personal: a live
session or a commenter's validly signed cookie bypasses the cache both ways (a made-up
cookie does not, or anyone could make every request a render), and a response that sets
cookies or says ``private``/``no-store`` is never stored. Public pages tell browsers to
revalidate (``ETag``/``Last-Modified`` make that a cheap 304) and let a shared cache keep
them for ``PAGE_CACHE_SHARED_SECONDS``. While the cache errs (``core.outage``) pages are
served uncached; stale pages cannot outlive an outage by more than ``PAGE_CACHE_SECONDS``,
since every page expires.
"""

import hashlib
import time
import uuid
from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.db import connection, transaction
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.http import http_date, parse_http_date_safe, urlencode
from django.utils.module_loading import import_string

from . import front_cache, lifetimes
from .batching import Deferred
from .client_ip import client_ip
from .outage import Outage
from .site_url import is_site_host

PERSONAL_COOKIES = ("comment_author", "comment_pending")
CACHEABLE_TYPES = ("text/html", "application/rss+xml", "application/atom+xml",
                   "application/xml", "text/plain")
LISTS, COMMENTS, EVERYTHING = "lists", "comments", "everything"


def get_cache():
    """Where pages are stored."""
    return caches[settings.PAGE_CACHE_ALIAS]


def _digest(text):
    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()


KEY_PARAMETERS = ("s", "page", "replytocom", "p", "page_id")
"""The query parameters that change a page. Others (``utm_*``, ``fbclid``, anything
made up) are left out of the key, so they share the one cached copy instead of
filling the cache with a render each."""


def cache_key_path(request):
    kept = sorted((name, value) for name, values in request.GET.lists()
                  if name in KEY_PARAMETERS for value in values)
    return request.path + (f"?{urlencode(kept)}" if kept else "")


def _page_key(path):
    return f"page:{_digest(path)}"


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
    """Give each tag a new version in the current transaction; the front caches take the
    tags once it commits (``core.front_cache``).

    A transaction may invalidate more than once (a post, then its categories), each time
    locking rows of the shared tags until it commits; two such transactions could each hold
    what the other wants next. So on PostgreSQL the first invalidation of a transaction
    waits for a lock of its own, held until the commit, and the others queue behind it."""
    from .models import TagVersion

    tags = sorted(set(tags))
    if not tags or _deferred.absorb(tags):
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [VERSIONS_LOCK])
        TagVersion.objects.bulk_create(
            [TagVersion(tag=tag, version=uuid.uuid4().hex) for tag in tags],
            update_conflicts=True, unique_fields=["tag"], update_fields=["version"])
        front_cache.record(tags)


_deferred = Deferred(invalidate)
batched = _deferred.batched
SHARED_TAGS = (LISTS, COMMENTS, EVERYTHING)
VERSIONS_LOCK = 0x7A6_CAC4E


def page_tag(url: str) -> str:
    """The tag of the one page at ``url`` (a post or a standing page)."""
    return f"page:{url}"


def _read_versions(tags: Iterable[str]) -> dict[str, str]:
    """The version of each of ``tags`` in the database now ("0" for one never invalidated)."""
    from .models import TagVersion

    tags = set(tags)
    found = dict(TagVersion.objects.filter(tag__in=tags).values_list("tag", "version"))
    return {tag: found.get(tag, "0") for tag in tags}


def _versions(tags: Iterable[str]) -> dict[str, str]:
    """The current version of each of ``tags``, read with the shared tags in one query and
    kept for the rest of the request, where the pieces of the page ask again
    (``current_version``)."""
    memo = lifetimes.request_memo()
    known = memo.setdefault("versions", {})
    wanted = set(tags).union(SHARED_TAGS)
    if not wanted <= known.keys():
        known.update(_read_versions(wanted))
    return known


def _changed_meanwhile(tags: Iterable[str], seen: list[str]) -> bool:
    """Whether a change to the page committed while it was rendered: the page may show the
    data before it, and a front cache getting it after the change's bans would keep it. Such
    a page goes out private. The page cache stores it under the versions ``seen``, so only a
    front cache needs the query."""
    if not settings.FRONT_CACHE_URLS:
        return False
    now = _read_versions(tags)
    return [now[tag] for tag in tags] != seen


def current_version(tag: str) -> str | None:
    """The version of ``tag`` now, or ``None`` while the cache is down and pages are served
    uncached: a key for values derived from what the tag covers, so they are cached as long
    as its pages."""
    if outage.active():
        return None
    return _versions([tag])[tag]


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
    """The front cache's tags, added as a page leaves (never stored with it): a page cached
    before a front cache was configured is still banned by it."""
    if settings.FRONT_CACHE_URLS:
        response["X-Cache-Tags"] = front_cache.header_value(tags)
    return response


outage = Outage("The page cache")


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
        if settings.PAGE_CACHE_SWEEP and settings.FRONT_CACHE_URLS:
            front_cache.sender.start()

    def __call__(self, request):
        if _bypass(request):
            return self.get_response(request)
        tags = tags_for(request.path)
        known = _versions(tags)
        seen = [known[tag] for tag in tags]
        slot = None
        if not outage.active():
            slot = _page_key(cache_key_path(request))
            try:
                page = get_cache().get(slot)
            except Exception as error:
                outage.record(error)
                slot = None
            else:
                if page and page["versions"] == seen and page["expires"] > time.time():
                    return _tag_header(self._from_cache(request, page), tags)
        return self._render(request, slot, tags, seen)

    def _render(self, request, slot, tags, seen):
        """Render the page and store it under the key ``slot`` with the versions ``seen``
        before rendering, or with ``slot`` ``None`` (the cache is down) only render it: a
        front cache may keep it either way, since the bans that reach it do not depend on
        the page cache. The content is stored in one piece: a feed is written in a hundred
        pieces or more, each unpickled again on every hit."""
        response = self.get_response(request)
        if not _storable(response) or _changed_meanwhile(tags, seen):
            return response
        ttl = lifetimes.seconds_to_keep()
        _public_headers(response, ttl)
        if slot:
            response.content = set_response_etag(response).content
            page = {"versions": seen, "expires": time.time() + ttl, "response": response,
                    "modified": parse_http_date_safe(response["Last-Modified"])}
            cache = get_cache()
            try:
                if _within_budget(cache, request):
                    cache.set(slot, page, ttl)
            except Exception as error:
                outage.record(error)
            if settings.PAGE_CACHE_STATUS_HEADER:
                response["X-Page-Cache"] = "miss"
        return _tag_header(response, tags)

    @staticmethod
    def _from_cache(request, page):
        """The stored response (a copy, unpickled), or 304 when the browser's copy is it."""
        response = page["response"]
        if settings.PAGE_CACHE_STATUS_HEADER:
            response["X-Page-Cache"] = "hit"
        return get_conditional_response(request, etag=response.get("ETag"),
                                        last_modified=page["modified"], response=response)
