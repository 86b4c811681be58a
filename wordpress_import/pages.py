"""WordPress pages ("Om mig", "Kontakt") become standing pages.

A page keeps its WordPress slug and its place in the menu (``menu_order``).
Our pages are flat, at ``/<slug>/``: a child page that lived at
``/om-mig/uppdrag/`` moves to ``/uppdrag/``, and its old address is kept on the
page so that it redirects. A slug that another page or the site itself already
uses gets a suffix, with a warning. Comments on pages and audio or video
attached to them are not imported (our pages carry neither); the report says
so for each page that had any.
"""

from urllib.parse import unquote, urlsplit

from django.utils.text import slugify
from django.utils.translation import gettext as _

from pages.models import Page, address_is_free
from posts.models import unique_slug

from . import content

PAGE_FIELDS = ["title", "slug", "body", "status", "menu_order", "wordpress_id", "old_path"]


def import_page(item, status, site, media, report):
    """Create or update the page for ``item``, keyed on the old site and its WordPress ID."""
    wp_id = item.get("wp:post_id")
    if not wp_id.isdigit():
        raise ValueError("it has no numeric wp:post_id")
    ref = f"{site}?page_id={wp_id}"
    page = Page.objects.filter(import_ref=ref).first()
    created = page is None
    page = page or Page(import_ref=ref)
    before = [getattr(page, name) for name in PAGE_FIELDS]
    page.title = item.get("title")[:200] or _("(untitled)")
    page.slug = _slug(page, item, report)
    converted = content.convert(item.fields.get("content:encoded", ""))
    page.body = media.rewrite(converted.body)
    page.status = status
    page.menu_order = _menu_order(item.get("wp:menu_order"))
    page.wordpress_id = int(wp_id)
    page.old_path = _old_path(item.get("link"), page)
    if created or before != [getattr(page, name) for name in PAGE_FIELDS]:
        page.full_clean(exclude=["body", "slug"])
        page.save()
        report.count("pages", "created" if created else "updated")
    else:
        report.count("pages", "unchanged")
    if item.comments:
        report.warn(f"item {item.label}: {len(item.comments)} comment(s) on a page not imported")
    if converted.media:
        report.warn(f"item {item.label}: audio or video on a page not imported")


def _slug(page, item, report):
    wanted = slugify(unquote(item.get("wp:post_name")))[:200] or page.slug
    if not wanted:
        return unique_slug(page, item.get("title") or f"sida-{item.get('wp:post_id')}")
    taken = Page.objects.filter(slug=wanted).exclude(pk=page.pk).exists()
    if taken or not address_is_free(wanted):
        fresh = unique_slug(page, f"{wanted}-sida")
        report.warn(f"item {item.label}: address /{wanted}/ is taken; using /{fresh}/")
        return fresh
    return wanted


def _menu_order(value):
    try:
        return max(-32768, min(32767, int((value or "0").strip())))
    except ValueError:
        return 0


def _old_path(link, page):
    parts = urlsplit(link or "")
    if parts.query or parts.path in {"", "/", page.get_absolute_url()}:
        return ""
    return parts.path[:500]
