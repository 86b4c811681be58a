"""Readers who follow the blog by e-mail, and what each new post's mailing did.

A politician's subscriber list reveals political opinion, so only the minimum is
kept: the address, its state, and the proof of consent (when, from which form, the
words shown). No name, no IP address. An address is only mailed posts once its owner
has confirmed it (double opt-in); one never confirmed is forgotten after a week.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from posts.models import Post


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    class Frequency(models.TextChoices):
        EACH = "each", _("Each new post")
        WEEKLY = "weekly", _("A weekly letter")

    email = models.EmailField(_("e-mail address"), unique=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.PENDING, db_index=True)
    frequency = models.CharField(_("how often"), max_length=6, choices=Frequency.choices,
                                 default=Frequency.EACH)
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(_("confirmation mailed"), null=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    consent_source = models.CharField(_("signed up on"), max_length=200, blank=True)
    consent_text = models.TextField(_("words shown when signing up"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self):
        return self.email


class Mailing(models.Model):
    """One post sent to the subscribers: made once per post, so a post is never sent twice."""

    post = models.OneToOneField(Post, models.CASCADE, related_name="mailing",
                                verbose_name=_("post"))
    created_at = models.DateTimeField(_("started"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("mailing")
        verbose_name_plural = _("mailings")

    def __str__(self):
        return str(self.post)


class Digest(models.Model):
    """The weekly letter of the week that ends on ``week`` (a Monday): the posts mailed in
    the seven days before it, to those who chose a letter a week. One per week."""

    week = models.DateField(_("week ending"), unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-week"]
        verbose_name = _("weekly letter")
        verbose_name_plural = _("weekly letters")

    def __str__(self):
        return str(self.week)


class Delivery(models.Model):
    """One mail of a mailing to one subscriber. *Sending* is written before the mail is
    handed to the mail server and *sent* after, so a worker killed in between leaves a
    trace instead of a silent resend (see ``sending``)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    mailing = models.ForeignKey(Mailing, models.CASCADE, null=True, related_name="deliveries")
    digest = models.ForeignKey(Digest, models.CASCADE, null=True, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, models.CASCADE, related_name="deliveries")
    state = models.CharField(max_length=8, choices=State.choices, default=State.QUEUED,
                             db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    sent_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mailing", "subscriber"],
                                    name="one_delivery_per_subscriber"),
            models.UniqueConstraint(fields=["digest", "subscriber"],
                                    name="one_letter_per_subscriber"),
        ]

    def __str__(self):
        return f"{self.mailing or self.digest}: {self.subscriber} ({self.state})"
