"""Shortcodes and blocks of plugins and services that have no equivalent here.

WordPress expands a shortcode only while its plugin is active, and draws a
dynamic block (``<!-- wp:jetpack/subscriptions /-->``) from the plugin each
time; moved here, the one would be raw text in brackets and the other would
vanish. Each is converted or reported, never left raw or dropped silently:

- VideoPress (``[wpvideo ID]``, ``[videopress ID]``) becomes a link to the video, and
  WordPress.com's ``[archives]`` a link to this site's archive of every month.
- Forms, feeds, maps, polls, subscriptions and the like (``NOTED``, any other
  shortcode with attributes or a plugin's kind of name, such as
  ``[gravityform id="1"]`` or ``[custom-facebook-feed]``, and every dynamic
  block) become a short note on the page saying what was there, with a link to
  an address it names.
- The layout shortcodes of page builders (WPBakery's ``[vc_row]``, Divi's
  ``[et_pb_text]``, Shortcodes Ultimate's ``[su_box]``): any other shortcode
  that has a closing tag wraps text; its tags go and the text stays (so
  ``[embedyt]`` around a YouTube address alone on a line leaves a player).
- Text in brackets that only looks like a shortcode ("[video of Hans Rosling at
  TED]", "[sic]") stays as written, and so does everything inside code.

Every note and every unwrapped layout is named in the import report.
"""

import html
import re

from django.urls import reverse
from django.utils.translation import gettext as _

NOTED = {"contact-form", "contact-form-7", "gravityform", "wpforms", "ninja_form",
         "mc4wp_form", "mailpoet_form", "jetpack_subscription_form", "playlist", "googlemaps",
         "slideshow", "polldaddy", "crowdsignal", "twitter", "tweet", "instagram",
         "soundcloud", "spotify", "facebook", "instagram-feed", "custom-facebook-feed",
         "ssba", "addtoany", "wpgmza", "toc", "metaslider", "smartslider3", "nggallery"}
"""Shortcodes that show something only their plugin or service can draw."""

HANDLED_ELSEWHERE = {"gallery", "caption", "audio", "video", "embed"}
LEFT_ALONE_BLOCKS = {"more", "nextpage"}

_ATTRIBUTES = r"""(?:\s+[\w-]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s\]"']+))"""
_TAG = re.compile(rf"\[(/?)([a-z][\w-]*)({_ATTRIBUTES}[^\]]*)?\s*/?\]", re.IGNORECASE)
"""A shortcode: a name, then nothing or attributes (``key=value`` first, then anything up
to the bracket: WordPress.com wrote ``[slideshare id=1&style=border: 1px]``)."""
_VIDEOPRESS = re.compile(r"\[(?:wpvideo|videopress)\s+([\w-]+)[^\]]*\]", re.IGNORECASE)
_ARCHIVES = re.compile(r"\[archives\b[^\]]*\]", re.IGNORECASE)
_CODE = re.compile(r"(<pre\b.*?</pre>|<code\b.*?</code>)", re.DOTALL | re.IGNORECASE)
_DYNAMIC_BLOCK = re.compile(r"<!--\s*wp:([a-z][\w/-]*)(\s+\{.*?\})?\s*/-->", re.DOTALL)
_NOTED = re.compile(
    rf"\[({'|'.join(map(re.escape, sorted(NOTED, key=len, reverse=True)))})(?=[\s\]/])[^\]]*\]"
    r"(?:.*?\[/\1\])?", re.DOTALL | re.IGNORECASE)
_ADDRESS = re.compile(r"""https?://[^\s"'\]<>]+""")


def mark_dynamic_blocks(text, notes):
    """Dynamic blocks become notes before WordPress's block comments are removed."""
    def note(match):
        name = match.group(1).lower()
        if name in LEFT_ALONE_BLOCKS:
            return ""
        notes.append(f"the block {name} has no equivalent here; a note says so on the page")
        return _note(name, match.group(2) or "")

    return _DYNAMIC_BLOCK.sub(note, text)


def outside_code(text, change):
    """``text`` with ``change`` applied to all but its code, where a shortcode is an example
    of one ("[gallery]" in a post about WordPress)."""
    return "".join(piece if _CODE.fullmatch(piece) else change(piece)
                   for piece in _CODE.split(text))


def convert(text, notes):
    """``text`` with every plugin shortcode converted, unwrapped or noted."""
    return outside_code(text, lambda piece: _convert(piece, notes))


def _convert(text, notes):
    def videopress(match):
        address = f"https://videopress.com/v/{match.group(1)}"
        notes.append(f"the VideoPress video {match.group(1)} became a link: its player "
                     "cannot be moved")
        return f'\n\n<a href="{address}">{address}</a>\n\n'

    def noted(name, source):
        notes.append(f"the [{name}] shortcode has no equivalent here; a note says so on the page")
        return _note(name, source)

    def archives(match):
        notes.append("the [archives] shortcode became a link to the archive")
        link = reverse("posts:archive-index")
        return f'\n\n<p><a href="{link}">{html.escape(_("Archive"))}</a></p>\n\n'

    text = _VIDEOPRESS.sub(videopress, text)
    text = _ARCHIVES.sub(archives, text)
    text = _NOTED.sub(lambda m: noted(m.group(1).lower(), m.group(0)), text)
    closed = {m.group(2).lower() for m in _TAG.finditer(text) if m.group(1)}
    wrappers = closed - NOTED - HANDLED_ELSEWHERE
    for name in sorted(wrappers):
        notes.append(f"the layout shortcode [{name}] was removed; its text was kept")

    def tag(match):
        name = match.group(2).lower()
        if name in wrappers:
            return "\n\n" if _is_block(name) else ""
        if match.group(1) or name in HANDLED_ELSEWHERE:
            return match.group(0)
        if name in NOTED or match.group(3) or "-" in name or "_" in name:
            return noted(name, match.group(0))
        return match.group(0)

    return _TAG.sub(tag, text)


def _is_block(name):
    return any(part in name for part in ("row", "section", "column", "col", "box", "tab"))


def _note(name, source):
    message = _("Here the old site showed “%(name)s”, which could not be moved.") % {
        "name": name}
    address = _ADDRESS.search(html.unescape(source))
    if address is None:
        return f"\n\n<p><em>{html.escape(message)}</em></p>\n\n"
    link = html.escape(address.group(0))
    return (f'\n\n<p><em>{html.escape(message)}</em> <a href="{link}">'
            f'{html.escape(_("Open it where it was"))}</a></p>\n\n')
