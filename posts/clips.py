"""One way to embed: a clip's title and still, fetched once per address.

A clip added from the toolbar is its address alone on a line, as a writer could
type or paste it (``[Titel](adress)`` alone on a line gives a title of the writer's
own). Such a line should show the same titled player with a still as a clip added
under *Inbäddad media*, and readers' browsers must still contact nobody but us. So
after a save the background worker asks the provider once for the clip's title and
still (``posts.posters``), keeps them here, and renders again the posts and pages
that show it. Nothing is fetched while a page is read, and a clip whose provider
could not be reached keeps a player without a still.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from . import posters


class Clip(models.Model):
    url = models.URLField(_("address"), max_length=500, unique=True)
    title = models.CharField(_("title"), max_length=250, blank=True)
    poster = models.ImageField(_("poster image"), upload_to="posters/", blank=True)
    fetched_at = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "posts"
        verbose_name = _("clip")
        verbose_name_plural = _("clips")

    def __str__(self):
        return self.title or self.url


def known(urls) -> dict[str, Clip]:
    urls = set(urls)
    return {clip.url: clip for clip in Clip.objects.filter(url__in=urls)} if urls else {}


def missing(urls) -> list[str]:
    """The addresses not asked about yet, for the worker to fetch."""
    have = known(urls)
    return sorted({url for url in urls if url not in have})


def fetch(url):
    """Ask the provider about ``url`` once and show the answer where the clip is used."""
    if Clip.objects.filter(url=url).exists():
        return
    title, still = posters.details(url)
    clip = Clip(url=url, title=title)
    if still is not None:
        clip.poster.save(still.name, still, save=False)
    clip.save()
    _render_again(url)


def _render_again(url):
    from .models import Writing

    for model in Writing.__subclasses__():
        for writing in model.objects.filter(body__contains=url):
            writing.save(update_fields=["body", "body_html", "updated_at"])
