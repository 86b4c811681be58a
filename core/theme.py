"""The site's accent colour, as the owner sets it, made safe to read in light and dark.

Links, buttons and the header's rule use one accent. The owner picks it in the site
identity; a colour readers with weak sight could not read is refused there, with
the contrast it has and the one it needs (WCAG 2 AA: 4.5:1 for text, measured
against the lightest background text sits on, the boxes' grey). Dark mode needs a
lighter shade of the same colour, which is derived here rather than asked for: the
accent mixed with white, step by step, until it reads as well on the dark
background. Both shades reach the page as two CSS variables at the top of the
inline stylesheet (``core.inline_css``).
"""

import re

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

DEFAULT_ACCENT = "#0b5394"
LIGHT_BACKGROUND = "#f4f5f7"
DARK_BACKGROUND = "#14161a"
AA_TEXT = 4.5
HEX = re.compile(r"#[0-9a-fA-F]{6}")


def _channels(colour: str) -> tuple[int, int, int]:
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return red, green, blue


def luminance(colour: str) -> float:
    def linear(channel):
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = map(linear, _channels(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def mix_with_white(colour: str, share: float) -> str:
    return "#" + "".join(f"{round(c + (255 - c) * share):02x}" for c in _channels(colour))


def on_dark(colour: str) -> str:
    """The lightest-needed shade of ``colour`` that reads on the dark background."""
    for step in range(21):
        shade = mix_with_white(colour, step / 20)
        if contrast(shade, DARK_BACKGROUND) >= AA_TEXT + 1:
            return shade
    return "#ffffff"


def validate_accent(value: str) -> None:
    if not HEX.fullmatch(value or ""):
        raise ValidationError(_("Write the colour as # and six hexadecimal digits, "
                                "for example #0b5394."), code="format")
    ratio = contrast(value, LIGHT_BACKGROUND)
    if ratio < AA_TEXT:
        raise ValidationError(
            _("This colour has a contrast of %(ratio)s:1 against the page; text in it "
              "needs at least %(needed)s:1 (WCAG AA) to be read by everyone. Pick a "
              "darker colour."),
            code="contrast",
            params={"ratio": number_format(ratio, 1), "needed": number_format(AA_TEXT, 1)},
        )


def variables(accent: str) -> str:
    """The CSS that sets the accent's two shades for ``site.css``."""
    accent = accent if HEX.fullmatch(accent or "") else DEFAULT_ACCENT
    return f":root{{--accent-light:{accent.lower()};--accent-dark:{on_dark(accent)}}}\n"
