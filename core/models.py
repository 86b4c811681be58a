"""The site's identity: who writes it, as the editor sets it in the admin.

One row, edited like WordPress's "Site Identity" and author profile in one: the
site's name and tagline, the politician's name, title and party, portrait and
short bio, the site icon, links to their social media and the footer text.
Everything here is plain text (escaped on the page), never HTML, and the short
fields are one line: the site's name goes into every mail's subject, where a line
break is a header of its own.
"""

from django.core.validators import RegexValidator, URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .theme import DEFAULT_ACCENT, validate_accent

WEB_ADDRESS = [URLValidator(schemes=["http", "https"])]
ONE_LINE = [RegexValidator(r"[\x00-\x1f\x7f\u2028\u2029]", inverse_match=True,
                           message=_("Write this on one line, without line breaks."))]


class SiteIdentity(models.Model):
    site_name = models.CharField(_("site name"), max_length=100, validators=ONE_LINE)
    tagline = models.CharField(_("tagline"), max_length=200, blank=True, validators=ONE_LINE)
    person_name = models.CharField(_("your name"), max_length=100, blank=True, validators=ONE_LINE)
    role = models.CharField(
        _("title and party"), max_length=150, blank=True, validators=ONE_LINE,
        help_text=_("For example: Kommunalråd (S) i Huddinge."))
    portrait = models.ImageField(_("portrait"), upload_to="identity/", blank=True,
                                 width_field="portrait_width", height_field="portrait_height")
    portrait_width = models.PositiveIntegerField(null=True, default=0, editable=False)
    portrait_height = models.PositiveIntegerField(null=True, default=0, editable=False)
    portrait_sizes = models.JSONField(default=list, blank=True, editable=False)
    bio = models.TextField(_("short bio"), max_length=800, blank=True,
                           help_text=_("A few sentences about you, shown beside the posts."))
    site_icon = models.ImageField(
        _("site icon"), upload_to="identity/", blank=True,
        help_text=_("A square image, at least 512 by 512 pixels: the browser tab's icon."))
    footer_text = models.CharField(_("footer text"), max_length=300, blank=True,
                                   validators=ONE_LINE)
    facebook = models.URLField(_("Facebook"), blank=True, validators=WEB_ADDRESS)
    instagram = models.URLField(_("Instagram"), blank=True, validators=WEB_ADDRESS)
    x = models.URLField(_("X (Twitter)"), blank=True, validators=WEB_ADDRESS)
    linkedin = models.URLField(_("LinkedIn"), blank=True, validators=WEB_ADDRESS)
    youtube = models.URLField(_("YouTube"), blank=True, validators=WEB_ADDRESS)
    contact_email = models.EmailField(_("public e-mail address"), blank=True)
    fediverse_handle = models.CharField(
        _("fediverse name"), max_length=30, blank=True,
        validators=[RegexValidator(r"^[a-z0-9_]+$", message=_(
            "Use lower-case letters a to z, digits and _ only."))],
        help_text=_("Your account's name on Mastodon and the fediverse: @name@this site. "
                    "Empty: made from your name."))
    accent = models.CharField(
        _("accent colour"), max_length=7, default=DEFAULT_ACCENT, blank=True,
        validators=[validate_accent],
        help_text=_("Links, buttons and the line above the header. Dark mode uses a lighter "
                    "shade of it by itself."))

    SOCIAL_FIELDS = ("facebook", "instagram", "x", "linkedin", "youtube")

    class Meta:
        verbose_name = _("site identity")
        verbose_name_plural = _("site identity")

    def __str__(self):
        return self.site_name


class SetupState(models.Model):
    """What the site has been through since it was installed: one row.

    The demo is offered once, to a database with nothing in it; afterwards no start
    loads it again, whatever the owner deleted (``huddinge_site.demo_content``). The
    first steps on the dashboard can be hidden and shown again."""

    demo_offered_at = models.DateTimeField(null=True, blank=True, editable=False)
    welcome_hidden = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("setup")

    def __str__(self):
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls):
        return cls.objects.get_or_create(pk=1)[0]


class MadeObject(models.Model):
    """One object a batch of work made (the demo, one WordPress import), with a digest
    of what it said then: undoing the batch removes exactly these, and none the owner
    has rewritten since (``wordpress_import.batches``)."""

    batch = models.CharField(max_length=40, db_index=True)
    content_type = models.ForeignKey("contenttypes.ContentType", models.CASCADE)
    object_id = models.CharField(max_length=64)
    digest = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["batch", "content_type", "object_id"],
                                               name="one_record_per_object_and_batch")]

    def __str__(self):
        return f"{self.batch}: {self.content_type_id}/{self.object_id}"


class PendingInvalidation(models.Model):
    """Tags a committed change invalidates, until every front cache has taken them
    (``core.front_cache``). Written in the same transaction as the change."""

    tags = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return ", ".join(self.tags)


class TagVersion(models.Model):
    """The current version of a page-cache tag (``core.page_cache``): a new one is written in
    the same transaction as the change that makes the tag's pages stale."""

    tag = models.CharField(max_length=1000, unique=True)
    version = models.CharField(max_length=32)

    def __str__(self):
        return f"{self.tag}: {self.version}"
