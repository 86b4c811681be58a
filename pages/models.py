"""Standing pages ("Om mig", "Kontakt"), as WordPress has beside its posts.

A page has no date, comments, categories or feed; it lives at ``/<slug>/``,
the address WordPress gives a top-level page, and published pages that ask
for it are listed in the site's main menu.
"""

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
