"""Allowlisted media providers and the privacy-friendly player facade.

Only URLs from the providers below become players; anything else is shown as a
plain link. A player is never loaded with the page: the page shows a facade
(title and a play button, nothing fetched from the provider) and
``static/js/site.js`` swaps in the provider's iframe when the reader clicks.
Where a provider has a cookie-less or do-not-track player we use it.
"""

import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from django.template.loader import render_to_string

from core.sanitizer import safe_url


@dataclass(frozen=True)
class Provider:
    name: str
    pattern: re.Pattern
    player: str
    kind: str = "video"

    def player_url(self, match):
        return self.player.format(**{k: quote(v, safe="") for k, v in match.groupdict().items()})


PROVIDERS = (
    Provider(
        "YouTube",
        re.compile(
            r"^https?://(?:www\.|m\.)?(?:youtube\.com/(?:watch\?(?:.*&)?v=|shorts/|embed/|live/)"
            r"|youtu\.be/)(?P<id>[\w-]{6,20})"
        ),
        "https://www.youtube-nocookie.com/embed/{id}?autoplay=1",
    ),
    Provider(
        "Vimeo",
        re.compile(r"^https?://(?:www\.)?vimeo\.com/(?:video/)?(?P<id>\d+)"),
        "https://player.vimeo.com/video/{id}?dnt=1&autoplay=1",
    ),
    Provider(
        "SVT Play",
        re.compile(r"^https?://(?:www\.)?svtplay\.se/(?P<type>video|klipp)/(?P<id>[\w-]+)"),
        "https://www.svtplay.se/{type}/{id}?type=embed",
    ),
    Provider(
        "Sveriges Radio",
        re.compile(r"^https?://(?:www\.)?sverigesradio\.se/(?P<path>[^?#\s]+(?:\?[^#\s]*)?)"),
        "https://sverigesradio.se/embed?url=https%3A%2F%2Fsverigesradio.se%2F{path}",
        kind="audio",
    ),
    Provider(
        "TV4 Play",
        re.compile(r"^https?://(?:www\.)?tv4play\.se/(?:video|program/[\w-]+)/(?P<id>[\w-]+)"),
        "https://www.tv4play.se/iframe/video/{id}",
    ),
)


@dataclass(frozen=True)
class EmbedInfo:
    provider: Provider
    url: str
    player_url: str

    @property
    def origin(self):
        parts = urlsplit(self.player_url)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def source_label(self):
        """The clip's address without the scheme, so two clips side by side differ."""
        parts = urlsplit(self.url)
        address = parts.netloc.removeprefix("www.") + parts.path.rstrip("/")
        return address + (f"?{parts.query}" if parts.query else "")


def match(url):
    """Return ``EmbedInfo`` for an allowlisted provider URL, else ``None``."""
    url = safe_url(url)
    if not url:
        return None
    for provider in PROVIDERS:
        found = provider.pattern.match(url)
        if found:
            return EmbedInfo(provider, url, provider.player_url(found))
    return None


def frame_origins():
    """Origins the Content Security Policy must allow in ``frame-src``."""
    return sorted({f"https://{urlsplit(p.player).netloc}" for p in PROVIDERS})


def render_facade(url, caption="", poster=""):
    """HTML for one embed: the click-to-play facade (with a still from our own storage
    when there is one), or a plain link for unknown providers."""
    return render_to_string("posts/_embed.html", {
        "embed": match(url), "url": safe_url(url), "caption": caption, "poster": poster})
