"""The picture a post travels with: a share card made here, for ``og:image``.

A link to a post shared on Mastodon, Facebook or in a chat shows a picture. Without
one made for it, every post shows the same site image and readers scroll past. So
each post gets a 1200 by 630 pixel card drawn with Pillow: the title in large type, the
featured image (or else the portrait) beside it, the writer's name and the site's,
and a band in the owner's accent colour. Nothing is fetched from anyone to make it.

The card is stored with the post under a name that carries a digest of everything
it shows, so it is made again exactly when one of those changes: the post's title
or featured image on save, the identity (name, portrait, accent) through a
background task for every post (``posts.tasks``). A new name is also a new address,
so no cache anywhere keeps showing the old card.
"""

import hashlib
import io
import textwrap
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw, ImageFont, ImageOps

from core import theme
from core.models import SiteIdentity

FONTS = Path(__file__).resolve().parent / "fonts"
WIDTH, HEIGHT = 1200, 630
MARGIN = 64
PICTURE_WIDTH = 440
BAND = 14
TEXT = "#1c1d21"
MUTED = "#595f6b"


def _shown(post, identity):
    """What the card shows, as plain values."""
    return {
        "title": post.title,
        "name": (identity.person_name or identity.site_name) if identity else "",
        "site": identity.site_name if identity else "",
        "picture": post.featured_image.name if post.featured_image else (
            identity.portrait.name if identity and identity.portrait else ""),
        "accent": (identity.accent if identity else "") or theme.DEFAULT_ACCENT,
    }


def digest(shown):
    text = "\x1f".join(f"{key}={value}" for key, value in sorted(shown.items()))
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def _font(size, weight=700):
    """Inter (SIL Open Font License, ``posts/fonts/OFL.txt``), shipped here so a card
    looks the same on every server and has the Swedish letters."""
    return ImageFont.truetype(str(FONTS / f"inter-latin-{weight}-normal.woff2"), size)


def _title_lines(draw, title, width):
    """The title in the largest size (72 down to 40 px) that fits four lines."""
    for size in (72, 64, 56, 48, 40):
        font = _font(size)
        per_line = max(8, int(width / (size * 0.52)))
        lines = textwrap.wrap(title, per_line) or [""]
        fits = all(draw.textlength(line, font=font) <= width for line in lines)
        if len(lines) <= 4 and fits:
            return font, lines
    lines = textwrap.wrap(title, int(width / (40 * 0.52)))
    return _font(40), [*lines[:3], lines[3] + " …"] if len(lines) > 4 else lines


def _picture(name):
    if not name:
        return None
    try:
        with default_storage.open(name) as handle:
            image = Image.open(handle)
            image.load()
    except (OSError, ValueError):
        return None
    return ImageOps.fit(image.convert("RGB"), (PICTURE_WIDTH, HEIGHT - BAND))


def draw(shown):
    """The card for ``shown`` as PNG bytes."""
    card = Image.new("RGB", (WIDTH, HEIGHT), "#ffffff")
    pen = ImageDraw.Draw(card)
    pen.rectangle((0, 0, WIDTH, BAND), fill=shown["accent"])
    picture = _picture(shown["picture"])
    text_width = WIDTH - 2 * MARGIN - (PICTURE_WIDTH if picture else 0)
    if picture:
        card.paste(picture, (WIDTH - PICTURE_WIDTH, BAND))
    font, lines = _title_lines(pen, shown["title"], text_width)
    y = BAND + MARGIN
    for line in lines:
        pen.text((MARGIN, y), line, font=font, fill=TEXT)
        y += int(font.size * 1.2)
    pen.text((MARGIN, HEIGHT - MARGIN - 80), shown["name"], font=_font(36), fill=shown["accent"])
    if shown["site"] and shown["site"] != shown["name"]:
        pen.text((MARGIN, HEIGHT - MARGIN - 32), shown["site"], font=_font(28, 400), fill=MUTED)
    output = io.BytesIO()
    card.save(output, "PNG")
    return output.getvalue()


def refresh(post, identity=None):
    """Make ``post``'s card again if what it shows changed; returns the stored name."""
    identity = identity if identity is not None else SiteIdentity.objects.first()
    shown = _shown(post, identity)
    name = f"share/{post.pk}-{digest(shown)}.png"
    if post.share_image == name:
        return name
    stored = default_storage.save(name, ContentFile(draw(shown)))
    if post.share_image:
        default_storage.delete(post.share_image)
    post.share_image = stored
    type(post).objects.filter(pk=post.pk).update(share_image=stored)
    return stored
