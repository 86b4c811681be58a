"""Standing pages ("Om mig", "Kontakt"), as WordPress has beside its posts.

A page has no date, categories or feed; it lives at ``/<slug>/``, the address
WordPress gives a top-level page, and published pages that ask for it are
listed in the site's main menu. As in WordPress, a page may take comments, but
a new one does not until the writer opens them (``comments_open``).
"""

import contextlib

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext_lazy as _

from posts.models import Writing


class PageQuerySet(models.QuerySet):
    def published(self):
        """What the public may see; the menu, the sitemap and the page view start here."""
        return self.filter(status=Page.Status.PUBLISHED)

    def in_menu(self):
        return self.published().filter(show_in_menu=True).order_by("menu_order", "title")


class Page(Writing):
    show_in_menu = models.BooleanField(_("show in the menu"), default=True)
    menu_order = models.SmallIntegerField(
        _("menu order"), default=0, help_text=_("Lower numbers come first in the menu."),
    )
    comments_open = models.BooleanField(
        _("comments open"), default=False,
        help_text=_("Readers may comment under the page, as under a post."),
    )
    show_portrait = models.BooleanField(
        _("show your portrait"), default=False,
        help_text=_("Your portrait, name and title from the site identity above the text: "
                    "for the page about you."),
    )
    comment_count = models.PositiveIntegerField(
        _("approved comments"), default=0, editable=False,
        help_text=_("Kept up to date by the comments app, as on posts."),
    )
    old_path = models.CharField(
        _("old address"), max_length=500, blank=True, db_index=True, editable=False,
        help_text=_("The address the page had on the old blog, redirected here."),
    )

    objects = PageQuerySet.as_manager()
    tracked_fields = ("status", "slug")

    class Meta:
        ordering = ["menu_order", "title"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")

    def get_absolute_url(self):
        """``/<slug>/``, or the site's root for the page that is the front page."""
        if self.pk is not None and self.pk == FrontPage.ids()[0]:
            return "/"
        return reverse("pages:detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.slug and not address_is_free(self.slug):
            raise ValidationError(
                {"slug": _("The address /%(slug)s/ is already used by the site.")
                 % {"slug": self.slug}}
            )

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED


def address_is_free(slug):
    """Whether ``/slug/`` reaches the page view rather than another part of the site."""
    try:
        return resolve(f"/{slug}/").view_name == "pages:detail"
    except Resolver404:
        return False


class FrontPage(models.Model):
    """What the site's root shows, as WordPress's *Läsning → Startsida*: the latest posts
    (no ``front``), or a page; then the posts list lives at the ``posts`` page's address,
    as WordPress's *Inläggssida*. One row, read on every request for ``/``, so the two
    ids are kept in the cache (``ids``) and forgotten when it is saved."""

    front = models.ForeignKey(
        Page, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("front page"),
        help_text=_("Empty: the front page shows the latest posts."))
    posts = models.ForeignKey(
        Page, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("posts page"),
        help_text=_("Where the latest posts are listed when a page is the front page."))

    CACHE_KEY = "front-page-ids"

    class Meta:
        verbose_name = _("front page")
        verbose_name_plural = _("front page")

    def __str__(self):
        return str(self.front or _("The latest posts"))

    def clean(self):
        if self.front_id and self.front_id == self.posts_id:
            raise ValidationError(_("The front page and the posts page must be two pages."))

    @classmethod
    def ids(cls):
        """``(front page id, posts page id)``, either ``None``."""
        cache = caches[settings.PAGE_CACHE_ALIAS]
        found = None
        with contextlib.suppress(Exception):
            found = cache.get(cls.CACHE_KEY)
        if found is None:
            row = cls.objects.filter(pk=1).values_list("front_id", "posts_id").first()
            found = tuple(row) if row else (None, None)
            with contextlib.suppress(Exception):
                cache.set(cls.CACHE_KEY, found, 300)
        return found

    @classmethod
    def forget(cls):
        with contextlib.suppress(Exception):
            caches[settings.PAGE_CACHE_ALIAS].delete(cls.CACHE_KEY)
