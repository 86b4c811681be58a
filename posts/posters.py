"""Poster images for embedded clips, fetched once by the server when the editor saves.

A facade with a still from the clip tells two clips apart at a glance. The still is
downloaded by the server when the embed is saved in the admin, re-encoded like any
upload and kept in our own media storage, so the reader's browser still contacts
nobody but us before they press play. Known for YouTube (the address follows from
the video id) and Vimeo (its oEmbed answer names one on its own CDN); other
providers get none. A poster that cannot be had (offline, missing, too large, not an
image) leaves the facade without one; saving never fails over it.
"""

import json
import logging
import urllib.parse
import urllib.request

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from . import embeds, images

logger = logging.getLogger(__name__)
TIMEOUT_SECONDS = 5
MAX_BYTES = 2 * 1024 * 1024
POSTER_SIDE = 1280


def _get(url):
    request = urllib.request.Request(  # noqa: S310 (https addresses built in poster_url)
        url, headers={"User-Agent": "huddinge-site poster"})
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
        data = response.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValueError(f"{url} is larger than {MAX_BYTES} bytes")
    return data


OEMBED = {
    "YouTube": "https://www.youtube.com/oembed",
    "Vimeo": "https://vimeo.com/api/oembed.json",
}


def oembed(url):
    """The provider's oEmbed answer about the clip at ``url``; ``{}`` where it has none."""
    found = embeds.match(url)
    endpoint = OEMBED.get(found.provider.name) if found else None
    if endpoint is None:
        return {}
    query = urllib.parse.urlencode({"url": found.url, "format": "json", "width": POSTER_SIDE})
    answer = json.loads(_get(f"{endpoint}?{query}"))
    return answer if isinstance(answer, dict) else {}


def details(url):
    """The clip's title (one line, or ``""``) and its still (as ``fetch`` gives it), asking
    the provider's oEmbed once for both."""
    try:
        answer = oembed(url)
    except (OSError, ValueError) as error:
        logger.info("No oEmbed answer for %s: %s", url, error)
        answer = {}
    return " ".join(str(answer.get("title", "")).split())[:250], fetch(url, answer)


def poster_url(url, answer=None):
    """Where the provider keeps a still of the clip at ``url``, or ``None``; ``answer`` is
    its oEmbed answer when the caller has it already."""
    found = embeds.match(url)
    if found is None:
        return None
    if found.provider.name == "YouTube":
        video = found.player_url.split("/embed/")[1].split("?")[0]
        return f"https://i.ytimg.com/vi/{video}/hqdefault.jpg"
    if found.provider.name == "Vimeo":
        still = (oembed(url) if answer is None else answer).get("thumbnail_url", "")
        host = urllib.parse.urlsplit(still).hostname or ""
        return still if still.startswith("https://") and host.endswith(".vimeocdn.com") else None
    return None


def fetch(url, answer=None):
    """A re-encoded still for the clip at ``url`` as a ``ContentFile``, or ``None``."""
    try:
        source = poster_url(url, answer)
        if source is None:
            return None
        return images.reencode(ContentFile(_get(source), name="poster.jpg"), POSTER_SIDE)
    except (OSError, ValueError, ValidationError) as error:
        logger.info("No poster for %s: %s", url, error)
        return None
