"""One WordPress import started from the admin: the file, what it holds, how far the
worker has come, what it did, and whether it was taken back."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportRun(models.Model):
    class State(models.TextChoices):
        CHECKED = "checked", _("Checked, not started")
        QUEUED = "queued", _("Waiting for the worker")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed, nothing changed")
        UNDONE = "undone", _("Undone")
        CANCELLED = "cancelled", _("Not started")

    ACTIVE = (State.QUEUED, State.RUNNING)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                   related_name="+", verbose_name=_("started by"))
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    file_name = models.CharField(max_length=300, editable=False)
    original_name = models.CharField(_("file"), max_length=300)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    site_url = models.CharField(_("old address"), max_length=500, blank=True)
    contents = models.JSONField(_("contents"), default=dict, blank=True)
    fetch_media = models.BooleanField(_("fetch images from the old site"), default=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices,
                             default=State.CHECKED)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    report = models.JSONField(_("report"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    files = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("WordPress import")
        verbose_name_plural = _("WordPress imports")

    def __str__(self):
        return self.original_name

    @property
    def batch(self):
        return f"import:{self.pk}"
