"""Markdown to safe HTML, done once when a post is saved.

The same ``render_markdown`` serves the admin's live preview (through
``MARKDOWNX_MARKDOWNIFY_FUNCTION``), saving a post and the WordPress import, so
the preview is exactly the page. Rendering is expensive (Markdown plus
sanitizing costs tens of milliseconds on a long post), which is why the
result is stored on the post rather than computed per request.

Order matters: Markdown first, then the sanitizer, then our own trusted
additions (image sizes, embed facades), which are built from our templates
and storage rather than from the author's markup.
"""

import re
import secrets
from urllib.parse import unquote, urlsplit

import markdown
from bleach.html5lib_shim import Filter
from django.conf import settings
from django.utils.text import Truncator

from core.sanitizer import clean_html, strip_tags

from . import clips, embeds, images

MARKDOWN_EXTENSIONS = ["tables", "fenced_code", "footnotes", "sane_lists", "nl2br", "abbr"]
EXCERPT_WORDS = 55

_BARE_URL_LINE = re.compile(
    r"^[ \t]*(?:<?(?P<bare>https?://[^\s<>]+)>?|\[(?P<title>[^\]\n]+)\]\((?P<linked>https?://[^\s)]+)\))"
    r"[ \t]*$")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")


def _extract_embeds(text):
    """Replace each allowlisted URL alone on a line (bare, or as a link whose text is its
    title) with a one-off token paragraph."""
    nonce = secrets.token_hex(6)
    found = []
    lines = []
    in_fence = False
    for line in (text or "").splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
        url_line = None if in_fence else _BARE_URL_LINE.match(line)
        url = url_line and (url_line["bare"] or url_line["linked"])
        if url and embeds.match(url):
            token = f"embed{nonce}x{len(found)}"
            found.append((token, url, (url_line["title"] or "").strip()))
            lines.extend(["", token, ""])
        else:
            lines.append(line)
    return "\n".join(lines), found


def clip_addresses(text):
    """The clip addresses the text shows as players."""
    return [url for _token, url, _title in _extract_embeds(text)[1]]


def _insert_embeds(html, found):
    """Each token becomes its player, as a paragraph of its own or, inside an HTML block
    (a WordPress column) where Markdown makes no paragraphs, as the bare token; with the
    title and still fetched for it (``posts.clips``) once there are some."""
    details = clips.known(url for _token, url, _title in found)
    for token, url, title in found:
        clip = details.get(url)
        facade = embeds.render_facade(
            url, caption=title or (clip.title if clip else ""),
            poster=clip.poster.url if clip and clip.poster else "")
        if f"<p>{token}</p>" in html:
            html = html.replace(f"<p>{token}</p>", facade, 1)
        else:
            html = html.replace(token, facade, 1)
    return html


def _media_name(src):
    path = urlsplit(src).path
    if urlsplit(src).netloc or not path.startswith(settings.MEDIA_URL):
        return None
    return unquote(path[len(settings.MEDIA_URL) :])


class MediaImageFilter(Filter):
    """Give images from our own media storage sizes, ``srcset`` and lazy loading."""

    def __iter__(self):
        for token in super().__iter__():
            if token["type"] in {"StartTag", "EmptyTag"} and token["name"] == "img":
                self._enhance(token["data"])
            yield token

    def _enhance(self, attrs):
        attrs[(None, "loading")] = "lazy"
        attrs[(None, "decoding")] = "async"
        name = _media_name(attrs.get((None, "src"), ""))
        sizes = images.describe(name) if name else None
        if not sizes:
            return
        original = sizes[-1]
        attrs[(None, "width")] = str(original.width)
        attrs[(None, "height")] = str(original.height)
        if len(sizes) > 1:
            attrs[(None, "srcset")] = images.srcset(sizes)
            attrs[(None, "sizes")] = images.SIZES_ATTRIBUTE


def render_markdown(text):
    """Markdown source to sanitized HTML with embeds and responsive images."""
    source, found = _extract_embeds(text)
    html = markdown.markdown(source, extensions=MARKDOWN_EXTENSIONS, output_format="html")
    html = clean_html(html, filters=[MediaImageFilter])
    return _insert_embeds(html, found)


_NOT_IN_SUMMARY = re.compile(
    r'<figure class="embed[^"]*">.*?</figure>|<(h[1-6]|table|pre)\b[^>]*>.*?</\1>', re.DOTALL
)
_LIST_ITEM_END = re.compile(r"([.!?:;,]?)\s*</li>(\s*</[ou]l>)?")


def _punctuate_list_item(match):
    return (match.group(1) or ("." if match.group(2) else ",")) + " "


def summarize(html, words=EXCERPT_WORDS):
    """Plain-text excerpt of rendered HTML, cut at a word like WordPress's.

    Once the tags are gone, words of different blocks run together ("Bakgrund
    Text med …", "Område Miljoner kronor Skola 2 900 …"), so players, headings,
    tables and code are left out and list items are read as a sentence:
    "kortare köer, mindre barngrupper."
    """
    text = _LIST_ITEM_END.sub(_punctuate_list_item, _NOT_IN_SUMMARY.sub(" ", html))
    return Truncator(strip_tags(text)).words(words, truncate=" …")
