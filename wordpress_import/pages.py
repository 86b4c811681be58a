"""WordPress pages ("Om mig", "Kontakt") become standing pages.

A page keeps its WordPress slug and its place in the menu (``menu_order``).
Our pages are flat, at ``/<slug>/``: a child page that lived at
``/om-mig/uppdrag/`` moves to ``/uppdrag/``, and its old address is kept on the
page so that it redirects. A slug that another page or the site itself already
uses gets a suffix, with a warning. A page whose address was the site's root was
the old site's static front page, and becomes the front page here. A page's
comments come with their threads, and whether comments are open, as on posts.
Audio or video attached to a page is not imported (our pages carry none); the
report says so for each page that had any.
"""

from urllib.parse import unquote, urlsplit

from django.utils.translation import gettext as _

from pages.models import FrontPage, Page, address_is_free

from .comments import import_comments
from .items import choose_slug, convert, upsert

PAGE_FIELDS = ["title", "slug", "body", "status", "menu_order", "comments_open", "wordpress_id",
               "old_path"]


def import_page(item, status, site, media, report, attachments):
    """Create or update the page for ``item``, keyed on the old site and its WordPress ID."""
    wp_id, converted, body = convert(item, attachments, media, report)

    def fill(page):
        page.title = item.title[:200] or _("(untitled)")
        page.slug = choose_slug(page, item, report, f"sida-{wp_id}", free=address_is_free,
                                suffix="-sida", public=status == "published")
        page.body = media.rewrite(body)
        page.status = status
        page.menu_order = _menu_order(item.get("wp:menu_order"))
        page.comments_open = item.get("wp:comment_status", "closed") == "open"
        page.wordpress_id = int(wp_id)
        page.old_path = _old_path(item.get("link"), page)

    page = upsert(Page, f"{site}?page_id={wp_id}", PAGE_FIELDS, fill, report, "pages")
    if status == "published" and urlsplit(item.get("link")).path in {"", "/"}:
        _front_page(page, item, report)
    import_comments(page, item, site, report)
    if converted.media:
        report.about(item.label, "audio or video on a page not imported")


def _menu_order(value):
    try:
        return max(-32768, min(32767, int((value or "0").strip())))
    except ValueError:
        return 0


def _old_path(link, page):
    parts = urlsplit(link or "")
    if parts.query or parts.path in {"", "/", page.get_absolute_url()}:
        return ""
    return unquote(parts.path)[:500]


def _front_page(page, item, report):
    """The page whose old address was the site's root was its front page; it is again,
    unless the owner has chosen one here."""
    setting, _ = FrontPage.objects.get_or_create(pk=1)
    if setting.front_id is None:
        setting.front = page
        setting.save()
        report.about(item.label, "the front page of the old site; it is the front page here")
