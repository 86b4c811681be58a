from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.sanitizer import clean_comment, safe_url
from core.tracking import RemembersLoadedState
from pages.models import Page
from posts.models import Post

from . import targets

BODY_MAX_LENGTH = 5000


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED, kind__in=Comment.CONVERSATION)

    def public(self):
        """Approved comments on public posts and pages: what feeds and lists may show."""
        return self.approved().filter(
            models.Q(post__in=Post.objects.published())
            | models.Q(page__in=Page.objects.published()))

    def thread(self, target, own_pending=()):
        """What a visitor sees under ``target`` (a post or a page): the approved comments,
        and their own held ones
        (``own_pending``, the ids their cookie names), oldest first. A comment taken for
        spam shows to its writer as held, as in WordPress: a person caught by mistake is
        told it waits for review, and a spammer learns nothing."""
        visible = models.Q(status=Comment.Status.APPROVED)
        if own_pending:
            held = (Comment.Status.PENDING, Comment.Status.SPAM)
            visible |= models.Q(pk__in=own_pending, status__in=held)
        return self.filter(visible, kind__in=Comment.CONVERSATION, **targets.of(target)).order_by(
            "submitted_at", "pk")


class Comment(RemembersLoadedState):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        SPAM = "spam", _("Spam")
        TRASH = "trash", _("Trash")

    class Kind(models.TextChoices):
        COMMENT = "comment", _("Comment")
        PINGBACK = "pingback", _("Pingback")
        TRACKBACK = "trackback", _("Trackback")
        FEDIVERSE = "fediverse", _("Fediverse reply")

    CONVERSATION = (Kind.COMMENT, Kind.FEDIVERSE)
    """The kinds that are conversation (shown in threads, counted, answerable), unlike
    pingbacks and trackbacks."""

    post = models.ForeignKey(Post, models.CASCADE, null=True, blank=True,
                             related_name="comments", verbose_name=_("post"))
    page = models.ForeignKey(Page, models.CASCADE, null=True, blank=True,
                             related_name="comments", verbose_name=_("page"))
    parent = models.ForeignKey(
        "self", models.CASCADE, null=True, blank=True, related_name="replies",
        verbose_name=_("in reply to"),
    )
    depth = models.PositiveSmallIntegerField(default=1, editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.COMMENT)
    author_name = models.CharField(_("name"), max_length=100)
    author_email = models.EmailField(_("e-mail address"), max_length=254)
    author_url = models.URLField(_("website"), max_length=300, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
        related_name="comments", verbose_name=_("user"),
        help_text=_("Set when the site's own staff wrote the comment."),
    )
    body = models.TextField(_("comment"), max_length=BODY_MAX_LENGTH)
    body_html = models.TextField(editable=False, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    reason = models.CharField(_("reason"), max_length=250, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), db_index=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=500, blank=True)
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("moderated by"),
    )
    import_ref = models.CharField(max_length=300, unique=True, null=True, blank=True,
                                  editable=False)
    remote_id = models.URLField(max_length=500, unique=True, null=True, blank=True,
                                editable=False,
                                help_text=_("A reply from the fediverse: its address there."))
    avatar = models.CharField(max_length=200, blank=True, editable=False,
                              help_text=_("A reply from the fediverse: its writer's picture, "
                                          "kept on this site."))
    notify_replies = models.BooleanField(
        _("mail the writer about replies"), default=False,
        help_text=_("Asked for on the form; see comments.reply_notices."))

    objects = CommentQuerySet.as_manager()
    tracked_fields = ("status", "kind", "post", "page")

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        permissions = [("moderate_comment", _("Can moderate comments"))]
        indexes = [models.Index(fields=["post", "status", "submitted_at"]),
                   models.Index(fields=["page", "status", "submitted_at"])]
        constraints = [models.CheckConstraint(
            condition=models.Q(post__isnull=False, page__isnull=True)
            | models.Q(post__isnull=True, page__isnull=False),
            name="comment_on_a_post_or_a_page")]

    def __str__(self):
        return f"{self.author_name}: {self.body[:50]}"

    def save(self, *args, **kwargs):
        self.prepare()
        self.depth = self.parent.depth + 1 if self.parent_id else 1
        super().save(*args, **kwargs)

    def prepare(self):
        """What is shown is made from what the visitor typed, only here."""
        self.author_url = safe_url(self.author_url)
        self.body_html = clean_comment(self.body)

    def avatar_url(self):
        return default_storage.url(self.avatar) if self.avatar else ""

    @property
    def target(self):
        """The post or the page the comment was written under (see ``targets``)."""
        return self.post if self.post_id else self.page

    @target.setter
    def target(self, value):
        if isinstance(value, Page):
            self.post, self.page = None, value
        else:
            self.post, self.page = value, None

    def get_absolute_url(self):
        return f"{self.target.get_absolute_url()}#comment-{self.pk}"

    @classmethod
    def counts_as_approved(cls, state):
        """Whether a comment with these tracked values is in ``approved()``."""
        return state["status"] == cls.Status.APPROVED and state["kind"] in cls.CONVERSATION

    @property
    def old_number(self):
        """The number WordPress gave an imported comment (its old ``#comment-N`` link), or
        ``None``."""
        number = (self.import_ref or "").rpartition("#comment-")[2]
        return int(number) if number.isdigit() else None

    def get_admin_url(self):
        return reverse("admin:comments_comment_change", args=[self.pk])


class ReplyMailAddress(models.Model):
    """An address that asked to hear of replies: mailed only once its owner confirmed it,
    and never again after they stopped all such mail."""

    email = models.EmailField(_("e-mail address"), unique=True)
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(null=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True)
    stopped_at = models.DateTimeField(_("stopped"), null=True)

    class Meta:
        verbose_name = _("address for reply mail")
        verbose_name_plural = _("addresses for reply mail")

    def __str__(self):
        return self.email


class ReplyNotice(models.Model):
    """One mail about one reply to one address: made once, so none is sent twice."""

    reply = models.ForeignKey(Comment, models.CASCADE, related_name="notices")
    email = models.EmailField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["reply", "email"],
                                               name="one_notice_per_reply_and_address")]

    def __str__(self):
        return f"{self.email}: {self.reply_id}"


class ModerationSettings(models.Model):
    """The discussion settings, edited in the admin like WordPress's: one row."""

    hold_all = models.BooleanField(
        _("hold every comment for moderation"), default=True,
    )
    approve_known_commenters = models.BooleanField(
        _("approve commenters with an earlier approved comment"), default=False,
        help_text=_("Same name and e-mail address as an approved comment."),
    )
    link_limit = models.PositiveSmallIntegerField(
        _("hold comments with this many links or more"), default=2,
        help_text=_("0 turns the check off."),
    )
    moderation_words = models.TextField(
        _("moderation words"), blank=True,
        help_text=_("One word, phrase or IP address per line. A match holds the comment."),
    )
    disallowed_words = models.TextField(
        _("disallowed words"), blank=True,
        help_text=_("One word, phrase or IP address per line. A match marks the comment as spam."),
    )
    max_depth = models.PositiveSmallIntegerField(_("deepest level of replies"), default=5)
    close_after_days = models.PositiveIntegerField(
        _("close comments on posts older than (days)"), default=0,
        help_text=_("0 keeps comments open for ever."),
    )
    notify_moderators = models.BooleanField(
        _("e-mail moderators about held comments"), default=True
    )

    class Meta:
        verbose_name = _("discussion settings")
        verbose_name_plural = _("discussion settings")

    def __str__(self):
        return str(_("Discussion settings"))

    @classmethod
    def current(cls):
        return cls.objects.first() or cls()


class PrivacyRequest(models.Model):
    """A commenter's request to see or erase what is stored under their e-mail address.

    Anyone can type an address into a comment form, so nothing is exported or erased
    until the owner of the address confirms by the link mailed to it (see
    ``comments.privacy``).
    """

    class Kind(models.TextChoices):
        EXPORT = "export", _("Export personal data")
        ERASE = "erase", _("Erase personal data")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        DONE = "done", _("Confirmed and carried out")

    email = models.EmailField(_("e-mail address"))
    kind = models.CharField(_("request"), max_length=10, choices=Kind.choices)
    remove_text = models.BooleanField(
        _("also remove the comments' text"), default=False,
        help_text=_("Only for erasure. Otherwise the text stays, under the name “Anonymous”."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PENDING, editable=False)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, editable=False, verbose_name=_("requested by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, editable=False)
    comments_affected = models.PositiveIntegerField(_("comments affected"), null=True,
                                                    editable=False)

    class Meta:
        verbose_name = _("privacy request")
        verbose_name_plural = _("privacy requests")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.email}"
