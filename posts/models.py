from dataclasses import asdict

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from markdownx.models import MarkdownxField

from core.tracking import RemembersLoadedState

from . import images, search, share_images
from .attachments import Embed, PressLink
from .rendering import render_markdown, summarize

__all__ = ["Autosave", "Category", "Embed", "Post", "PressLink", "Redirect", "SearchWord",
           "Tag", "UploadedImage"]


def unique_slug(instance, value, max_length=200, free=lambda slug: True):
    """A slug for ``value`` that no other row of the model uses yet and ``free`` accepts."""
    base = slugify(value)[: max_length - 8] or "inlagg"
    candidate, n = base, 2
    model = type(instance)
    while (model.objects.filter(slug=candidate).exclude(pk=instance.pk).exists()
           or not free(candidate)):
        candidate, n = f"{base}-{n}", n + 1
    return candidate


class Term(models.Model):
    """What categories and tags share: a name, a unique slug made from it, a page of posts."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    url_name = None

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.slug = self.slug or unique_slug(self, self.name, 100)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(self.url_name, args=[self.slug])


class Category(Term):
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="children",
        verbose_name=_("parent category"),
    )
    url_name = "posts:category"

    class Meta(Term.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")


class Tag(Term):
    url_name = "posts:tag"

    class Meta(Term.Meta):
        verbose_name = _("tag")
        verbose_name_plural = _("tags")


LISTING_LEAVES_OUT = ("body", "body_html", "excerpt", "search_document", "import_ref",
                      "share_image")


class PostQuerySet(models.QuerySet):
    """A post is in one of three states: a draft, scheduled or published.

    ``published()`` is the only definition of what the public may see:
    published and due. A published post whose time lies ahead is *scheduled*;
    it becomes public by itself when its time comes, since the check is made at
    query time. Every list, feed, sitemap and search starts from here;
    ``Post.publication_state`` says the same of one row.
    """

    def published(self):
        return self.filter(status=Post.Status.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self):
        return self.filter(status=Post.Status.PUBLISHED, published_at__gt=timezone.now())

    def drafts(self):
        return self.exclude(status=Post.Status.PUBLISHED)

    def for_listing(self):
        """What a listing card shows: no body, author or search text. They are most of a
        row, and a sort of the public rows would carry every one of them along."""
        return (
            self.defer(*LISTING_LEAVES_OUT)
            .prefetch_related("categories")
            .order_by("-published_at", "-pk")
        )

    def front_page_order(self):
        """Sticky posts first, then newest first. Naming both values of ``sticky`` lets
        SQLite read the newest rows in order from the (status, sticky, published_at)
        index, where it would otherwise sort every public row to find ten."""
        return self.filter(sticky__in=[True, False]).order_by("-sticky", "-published_at", "-pk")


class Writing(RemembersLoadedState):
    """What posts and standing pages share: a titled Markdown text, rendered once on save,
    with a status, and the WordPress item it may have been imported from."""

    TEXT_FIELDS = {"title", "slug", "body", "excerpt"}

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=200, unique=True, blank=True,
        help_text=_("The last part of the address. Made from the title when left empty."),
    )
    body = MarkdownxField(_("body"), blank=True, help_text=_("Markdown. Drag images here."))
    body_html = models.TextField(editable=False, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    wordpress_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False,
                                                  db_index=True)
    import_ref = models.CharField(max_length=300, unique=True, null=True, blank=True,
                                  editable=False)

    class Meta:
        abstract = True

    def __str__(self):
        return self.title

    def save(self, *args, update_fields=None, **kwargs):
        if self.rewrites_text(update_fields):
            self.prepare()
        super().save(*args, update_fields=update_fields, **kwargs)

    @classmethod
    def rewrites_text(cls, update_fields):
        """Whether a save of ``update_fields`` (``None``: all) touches the text, so what
        is derived from it must be made again."""
        return update_fields is None or bool(cls.TEXT_FIELDS & set(update_fields))

    def prepare(self):
        """Fill what is derived from the text, once, before it is stored.

        A title is one line wherever it is used (headings, feeds, e-mail subjects,
        where a line break would stop the mail), so any run of white space in it,
        line breaks included, becomes one space.
        """
        self.title = " ".join(self.title.split())
        self.slug = self.slug or unique_slug(self, self.title)
        self.body_html = render_markdown(self.body)


class Post(Writing):
    excerpt = models.TextField(
        _("excerpt"), blank=True,
        help_text=_("Shown on lists and in link previews. Taken from the body when empty."),
    )
    summary = models.TextField(editable=False, blank=True)
    featured_image = models.ImageField(_("featured image"), upload_to="featured/", blank=True)
    featured_image_alt = models.CharField(
        _("featured image alt text"), max_length=250, blank=True,
        help_text=_("Describe the image for readers who cannot see it."),
    )
    featured_image_sizes = models.JSONField(default=list, editable=False, blank=True)
    share_image = models.CharField(max_length=200, blank=True, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
        related_name="posts", verbose_name=_("author"),
    )
    categories = models.ManyToManyField(
        Category, blank=True, related_name="posts", verbose_name=_("categories")
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="posts", verbose_name=_("tags"))
    published_at = models.DateTimeField(
        _("publication time"), default=timezone.now, db_index=True,
        help_text=_("A published post with a time in the future appears by itself then."),
    )
    comments_open = models.BooleanField(_("comments open"), default=True)
    sticky = models.BooleanField(_("sticky"), default=False)
    email_subscribers = models.BooleanField(
        _("e-mail to subscribers"), default=True,
        help_text=_("Send the post to the e-mail subscribers when it is published. An edit "
                    "of a published post is never sent."),
    )
    comment_count = models.PositiveIntegerField(
        _("approved comments"), default=0, editable=False,
        help_text=_("Kept up to date by the comments app, like WordPress's comment_count."),
    )
    search_document = SearchVectorField(null=True, editable=False)

    objects = PostQuerySet.as_manager()
    tracked_fields = ("status", "published_at", "slug")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        indexes = [
            models.Index(fields=["status", "published_at"]),
            models.Index(fields=["status", "sticky", "published_at"], name="posts_front_page_idx"),
        ]

    def save(self, *args, update_fields=None, **kwargs):
        super().save(*args, update_fields=update_fields, **kwargs)
        if self.rewrites_text(update_fields):
            search.index(type(self).objects.filter(pk=self.pk))
        self._refresh_featured_sizes()
        if update_fields is None or {"title", "featured_image"} & set(update_fields):
            share_images.refresh(self)

    def get_absolute_url(self):
        day = self.local_date
        return reverse(
            "posts:detail",
            kwargs={"year": day.year, "month": f"{day.month:02d}", "day": f"{day.day:02d}",
                    "slug": self.slug},
        )

    def prepare(self):
        super().prepare()
        self.summary = (self.excerpt or "").strip() or summarize(self.body_html)

    def clean(self):
        if self.featured_image and not self.featured_image_alt.strip():
            raise ValidationError(
                {"featured_image_alt": _("A featured image needs an alt text.")}
            )

    def _refresh_featured_sizes(self):
        current = self.featured_image.name if self.featured_image else ""
        known = self.featured_image_sizes[-1]["name"] if self.featured_image_sizes else ""
        if current == known:
            return
        sizes = images.make_renditions(current) if current else []
        self.featured_image_sizes = [asdict(size) for size in sizes]
        type(self).objects.filter(pk=self.pk).update(featured_image_sizes=self.featured_image_sizes)

    @property
    def local_date(self):
        return timezone.localtime(self.published_at).date()

    @classmethod
    def publication_state(cls, status, published_at):
        """The state of a post with these values, as the querysets draw it."""
        if status != cls.Status.PUBLISHED:
            return cls.State.DRAFT
        return cls.State.SCHEDULED if published_at > timezone.now() else cls.State.PUBLISHED

    @property
    def state(self):
        return self.publication_state(self.status, self.published_at)

    @property
    def is_public(self):
        return self.state == self.State.PUBLISHED

    @property
    def is_scheduled(self):
        return self.state == self.State.SCHEDULED

    def neighbours(self):
        """The published posts just before and after this one (``None`` at either end),
        for the links under a post."""
        public = Post.objects.published().only("title", "slug", "published_at")
        same_time = models.Q(published_at=self.published_at)
        older = public.filter(models.Q(published_at__lt=self.published_at)
                              | same_time & models.Q(pk__lt=self.pk))
        newer = public.filter(models.Q(published_at__gt=self.published_at)
                              | same_time & models.Q(pk__gt=self.pk))
        return (older.order_by("-published_at", "-pk").first(),
                newer.order_by("published_at", "pk").first())

    @classmethod
    def next_scheduled_time(cls):
        """When the next scheduled post becomes public (a Unix time), or ``None``."""
        upcoming = cls.objects.scheduled().aggregate(first=models.Min("published_at"))["first"]
        return upcoming.timestamp() if upcoming else None

    def featured_renditions(self):
        return [images.Rendition(**size) for size in self.featured_image_sizes]

    def share_image_url(self):
        return default_storage.url(self.share_image) if self.share_image else ""

    def featured_srcset(self):
        return images.srcset(self.featured_renditions())

    featured_sizes = images.SIZES_ATTRIBUTE


class Autosave(models.Model):
    """A writer's unsaved text, kept beside the post while they write (``posts.autosave``)."""

    post = models.ForeignKey(Post, models.CASCADE, related_name="autosaves")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=200, blank=True)
    excerpt = models.TextField(_("excerpt"), blank=True)
    body = models.TextField(_("body"), blank=True)
    saved_at = models.DateTimeField(_("saved"), auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user"],
                                               name="one_autosave_per_writer")]
        verbose_name = _("autosave")
        verbose_name_plural = _("autosaves")

    def __str__(self):
        return self.title


class UploadedImage(models.Model):
    """An image dropped into the editor; kept so the editor can find and reuse it."""

    file = models.ImageField(_("file"), upload_to="uploads/%Y/%m/")
    alt_text = models.CharField(
        _("alt text"), max_length=300, blank=True,
        help_text=_("What the image shows, for readers who cannot see it. Offered again when "
                    "the image is picked from the media library."),
    )
    width = models.PositiveIntegerField(_("width"), editable=False, default=0)
    height = models.PositiveIntegerField(_("height"), editable=False, default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, editable=False,
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    import_ref = models.CharField(max_length=500, unique=True, null=True, blank=True,
                                  editable=False)
    digest = models.CharField(max_length=64, blank=True, db_index=True, editable=False,
                              help_text=_("SHA-256 of the file as uploaded: the same file "
                                          "uploaded again is this image."))

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self):
        return self.file.name


class Redirect(models.Model):
    """An old address (path and query, as the old blog had it) that now lives at a post."""

    old_path = models.CharField(_("old address"), max_length=500, unique=True)
    post = models.ForeignKey(Post, models.CASCADE, related_name="redirects",
                             verbose_name=_("post"))

    class Meta:
        verbose_name = _("redirect")
        verbose_name_plural = _("redirects")

    def __str__(self):
        return f"{self.old_path} → {self.post}"


class SearchWord(models.Model):
    """One word the posts use, for correcting misspelt searches (posts.search_words)."""

    folded = models.CharField(max_length=40, primary_key=True)
    word = models.CharField(max_length=40)

    def __str__(self):
        return self.word
