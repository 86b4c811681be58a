"""What a post carries beside its text: press links (op-eds, radio, TV, "Läs även") and
embedded clips or audio and video files. Kept apart from ``posts.models``, which
re-exports them, so each module stays one screenful of a subject."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import embeds
from .media_files import validate_media_file
from .media_types import AUDIO_TYPES, VIDEO_TYPES


class PressLink(models.Model):
    class Kind(models.TextChoices):
        OP_ED = "op-ed", _("Op-ed")
        ARTICLE = "article", _("Article")
        INTERVIEW = "interview", _("Interview")
        RADIO = "radio", _("Radio")
        TV = "tv", _("TV")
        READ_ALSO = "read-also", _("Read also")

    post = models.ForeignKey("posts.Post", models.CASCADE, related_name="press_links")
    outlet = models.CharField(_("outlet"), max_length=100, help_text=_("E.g. SvD Brännpunkt."))
    title = models.CharField(_("title"), max_length=250)
    url = models.URLField(_("address"), max_length=500)
    date = models.DateField(_("date"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.ARTICLE)

    class Meta:
        ordering = ["-date", "pk"]
        verbose_name = _("press link")
        verbose_name_plural = _("press links")

    def __str__(self):
        return f"{self.outlet}: {self.title}"

    @property
    def is_read_also(self):
        return self.kind == self.Kind.READ_ALSO


class Embed(models.Model):
    post = models.ForeignKey("posts.Post", models.CASCADE, related_name="embeds")
    url = models.URLField(
        _("address"), max_length=500, blank=True,
        help_text=_("YouTube, Vimeo, SVT Play, Sveriges Radio or TV4 Play."),
    )
    file = models.FileField(
        _("audio or video file"), upload_to="media/", blank=True,
        help_text=_("MP3, M4A, OGG, MP4 or WebM."),
    )
    caption = models.CharField(_("caption"), max_length=250, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    poster = models.ImageField(_("poster image"), upload_to="posters/", blank=True,
                               editable=False)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("embedded media")
        verbose_name_plural = _("embedded media")

    def __str__(self):
        return self.caption or self.url or self.file.name

    def clean(self):
        if bool(self.url) == bool(self.file):
            raise ValidationError(_("Give either an address or a file, not both."))
        if self.file and not self.file._committed:
            try:
                validate_media_file(self.file, self.extension)
            except ValidationError as error:
                raise ValidationError({"file": error.messages}) from error

    @property
    def extension(self):
        name = self.file.name.lower() if self.file else ""
        return name[name.rfind(".") :] if "." in name else ""

    @property
    def media_type(self):
        return (AUDIO_TYPES | VIDEO_TYPES).get(self.extension, "")

    @property
    def is_audio(self):
        return self.extension in AUDIO_TYPES

    def facade_html(self):
        return embeds.render_facade(self.url, self.caption,
                                    self.poster.url if self.poster else "")
