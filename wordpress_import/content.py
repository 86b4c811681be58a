"""WordPress post content to the HTML we keep in a post's Markdown body.

WordPress stores posts without paragraph tags and adds them when it renders
("wpautop"); it also expands shortcodes and turns a bare media URL on its own
line into a player. We do the same once, at import: paragraphs and line breaks
become ``<p>``/``<br>``, ``[caption]`` becomes a ``<figure>``, ``[embed]`` and
bare URLs become a URL alone on a line (which our renderer turns into a player
for allowlisted providers or a link otherwise), ``[audio]`` and ``[video]``
become embedded media of the post. Players embedded as ``<iframe>``, ``<object>``
or ``<embed>`` and the ``[youtube]``, ``[vimeo]`` and ``[dailymotion]`` shortcodes
become the player's address alone on a line, which our renderer shows behind a
click-to-load facade for known providers; any other player becomes a link to it.
``[sourcecode]`` and ``[code]`` become code blocks keeping their language and
whitespace. Shortcodes and blocks of plugins are converted, unwrapped or noted
on the page (``shortcodes``). Whatever is changed or left behind is listed in
``notes`` for the import report.

The result is sanitized HTML, kept in the Markdown body: Markdown passes HTML
blocks through untouched, so the post renders as it did and stays editable.
"""

import html
import re
from dataclasses import dataclass, field

from core.sanitizer import clean_html
from posts import embeds

from . import shortcodes

BLOCKS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre"
    r"|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section"
    r"|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)"
)
_SHORTCODE_ATTRS = re.compile(r'(\w+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|(\S+))')
_CAPTION = re.compile(r"\[caption([^\]]*)\](.*?)\[/caption\]", re.DOTALL | re.IGNORECASE)
_EMBED = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.DOTALL | re.IGNORECASE)
_MEDIA = re.compile(
    r"""\[(audio|video)((?:\s+[\w-]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s\]]+))*)\s*\]"""
    r"(?:(.*?)\[/\1\])?", re.DOTALL | re.IGNORECASE)
"""``[audio …]``/``[video …]`` with attributes only: "[video of Hans Rosling at TED]" is
text in brackets, not a shortcode."""
_BLOCK_EMBED = re.compile(
    r'<figure[^>]*wp-block-embed[^>]*>\s*<div[^>]*wp-block-embed__wrapper[^>]*>\s*'
    r"(https?://\S+?)\s*</div>.*?</figure>",
    re.DOTALL | re.IGNORECASE,
)
_BARE_URL = re.compile(r"^[ \t]*(https?://[^\s<>\"]+)[ \t]*$", re.MULTILINE)
_PLAYER = re.compile(
    r"<(iframe|object|embed)\b[^>]*?(?:src|data)\s*=\s*[\"']([^\"']+)[\"'][^>]*>"
    r"(?:.*?</\1\s*>)?", re.DOTALL | re.IGNORECASE)
_PLAYER_SHORTCODE = re.compile(
    r"\[(youtube|vimeo|dailymotion)[\s=]*([^\]]*)\](?:\s*\[/\1\])?", re.IGNORECASE)
CODE_LANGUAGES = ("bash", "shell", "sh", "php", "python", "py", "js", "javascript", "css",
                  "html", "xml", "sql", "java", "cpp", "c", "csharp", "ruby", "perl", "text",
                  "plain", "diff", "powershell", "objc", "go", "scala", "vb")
_CODE_SHORTCODE = re.compile(
    rf"\[(sourcecode|code|{'|'.join(CODE_LANGUAGES)})((?:\s[^\]]*)?)\](.*?)\[/\1\]",
    re.DOTALL | re.IGNORECASE)
_GIST = re.compile(r"\[gist\](.*?)\[/gist\]"
                   r"|\[gist\s*(?:id=)?[\"']?([^\]\s\"']+)[\"']?[^\]]*\](?:\s*\[/gist\])?",
                   re.IGNORECASE | re.DOTALL)
_KEPT_WHOLE = re.compile(r"<pre\b[^>]*>.*?</pre>|<a\b[^>]*>.*?</a>", re.DOTALL | re.IGNORECASE)
_EMPTY_PARAGRAPH = re.compile(
    r"<p>(?:\s|&nbsp;|\xa0|<br\s*/?>|</?(?:span|strong|b|em|i|u)\b[^>]*>)*</p>\s*",
    re.IGNORECASE)
_COLUMNS = re.compile(r"""<div\b[^>]*\bclass=["'][^"']*\bwp-block-(columns?)\b[^"']*["'][^>]*>""",
                      re.IGNORECASE)
_TAG_WITH_NEWLINES = re.compile(r"<[a-z/][^<>]*\n[^<>]*>", re.IGNORECASE)
_PLAYER_PAGES = (
    (re.compile(r"^(?:https?:)?//(?:www\.)?youtube(?:-nocookie)?\.com/(?:embed|v)/([\w-]{11})"),
     "https://www.youtube.com/watch?v={}"),
    (re.compile(r"^(?:https?:)?//player\.vimeo\.com/video/(\d+)"), "https://vimeo.com/{}"),
    (re.compile(r"^(?:https?:)?//(?:www\.)?vimeo\.com/moogaloop\.swf\?clip_id=(\d+)"),
     "https://vimeo.com/{}"),
    (re.compile(r"^(?:https?:)?//(?:www\.)?dailymotion\.com/embed/video/(\w+)"),
     "https://www.dailymotion.com/video/{}"),
)
_MEDIA_EXTENSIONS = ("mp3", "m4a", "ogg", "wav", "mp4", "webm", "m4v", "mov", "ogv")


@dataclass
class Converted:
    body: str
    media: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    changes: list = field(default_factory=list)


def player_page(source):
    """The address of the page a player plays (what our embeds understand)."""
    source = html.unescape(source.strip())
    for pattern, page in _PLAYER_PAGES:
        found = pattern.match(source)
        if found:
            return page.format(found.group(1))
    return "https:" + source if source.startswith("//") else source


def _players(text, notes, changes):
    def player(match):
        address = player_page(match.group(2))
        if embeds.match(address):
            changes.append(f"an embedded player ({address}) became a click-to-load player")
            return f"\n\n{address}\n\n"
        notes.append(f"an embedded player ({address}) became a link: it is not a known provider")
        return f'\n\n<a href="{html.escape(address)}">{html.escape(address)}</a>\n\n'

    def shortcode(match):
        kind = match.group(1).lower()
        value = match.group(2)
        linked = re.search(r"""href\s*=\s*["']([^"']+)["']""", value)
        value = linked.group(1) if linked else re.sub(r"<[^>]*>", "", value)
        value = html.unescape(value).strip().split("|")[0].strip().strip("\"'")
        if not value.startswith("http"):
            value = {"youtube": "https://www.youtube.com/watch?v={}",
                     "vimeo": "https://vimeo.com/{}",
                     "dailymotion": "https://www.dailymotion.com/video/{}"}[kind].format(value)
        if embeds.match(value):
            changes.append(f"[{kind}] {value} became a click-to-load player")
            return f"\n\n{value}\n\n"
        notes.append(f"[{kind}] {value} became a link: it is not a known provider")
        return f'\n\n<a href="{html.escape(value)}">{html.escape(value)}</a>\n\n'

    text = _PLAYER.sub(player, text)
    return _PLAYER_SHORTCODE.sub(shortcode, text)


def _code_blocks(text, changes):
    def block(match):
        name = match.group(1).lower()
        changes.append(f"[{name}] became a code block")
        attributes = shortcode_attributes(match.group(2))
        language = attributes.get("language") or attributes.get("lang") or (
            name if name in CODE_LANGUAGES else "")
        css = f' class="language-{language}"' if re.fullmatch(r"[\w+#-]+", language) else ""
        code = html.escape(html.unescape(match.group(3).strip("\n")), quote=False)
        return f"\n\n<pre><code{css}>{code}</code></pre>\n\n"

    def gist(match):
        address = html.unescape((match.group(1) or match.group(2)).strip())
        if not address.startswith("http"):
            address = f"https://gist.github.com/{address}"
        changes.append(f"[gist] became a link to {address}")
        return f'\n\n<a href="{html.escape(address)}">{html.escape(address)}</a>\n\n'

    return _GIST.sub(gist, _CODE_SHORTCODE.sub(block, text))


def shortcode_attributes(text):
    return {m[1].lower(): m[2] or m[3] or m[4] for m in _SHORTCODE_ATTRS.finditer(text)}


def _caption(match):
    attributes = shortcode_attributes(match.group(1))
    inner = match.group(2).strip()
    image = re.search(r"(<a[^>]*>\s*)?<img[^>]*>(\s*</a>)?", inner, re.IGNORECASE)
    if not image:
        return match.group(0)
    caption = attributes.get("caption") or inner.replace(image.group(0), "").strip()
    align = attributes.get("align", "")
    css = f' class="{align}"' if re.fullmatch(r"align\w+", align or "") else ""
    return f"\n\n<figure{css}>{image.group(0)}<figcaption>{caption}</figcaption></figure>\n\n"


_HTML_CAPTION = re.compile(
    r"""<div\b[^>]*class=["'][^"']*\bwp-caption\b([^"']*)["'][^>]*>\s*(.*?)\s*"""
    r"""<p\b[^>]*class=["'][^"']*wp-caption-text[^"']*["'][^>]*>(.*?)</p>\s*</div>""",
    re.DOTALL | re.IGNORECASE)
_NUMBERED_LIST = re.compile(r"<ol>(.*?)</ol>", re.DOTALL)
_TYPED_NUMBER = re.compile(r"<li>(\s*)(\d+)[.)]\s+")


def _html_caption(match):
    """WordPress's caption markup, written out as HTML, as ``[caption]`` becomes it."""
    align = re.search(r"\balign\w+", match.group(1))
    css = f' class="{align.group(0)}"' if align else ""
    return (f"\n\n<figure{css}>{match.group(2)}<figcaption>{match.group(3).strip()}"
            "</figcaption></figure>\n\n")


def _typed_numbers(body):
    """A numbered list whose items carry their own numbers ("1. Första"), pasted from a
    word processor whose list style WordPress hid: the typed numbers go, or readers see
    "1. 1. Första"."""

    def strip(match):
        numbers = [int(found.group(2)) for found in _TYPED_NUMBER.finditer(match.group(1))]
        items = match.group(1).count("<li>")
        if not items or numbers != list(range(1, items + 1)):
            return match.group(0)
        return "<ol>" + _TYPED_NUMBER.sub(r"<li>\1", match.group(1)) + "</ol>"

    return _NUMBERED_LIST.sub(strip, body)


def _columns(text):
    """Gutenberg's columns keep being columns (``columns``/``column``, which the site's
    style lays side by side on a wide screen and one under another on a phone)."""
    return _COLUMNS.sub(lambda m: f'<div class="{m.group(1).lower()}">', text)


def autop(text):
    """A port of WordPress's ``wpautop``: blank lines make paragraphs, newlines make breaks."""
    if not text.strip():
        return ""
    preserved = []

    def keep(match):
        preserved.append(match.group(0))
        return f"<pre>wppre{len(preserved) - 1}</pre>"

    text = re.sub(r"<(pre|figure)[^>]*>.*?</\1>", keep, text, flags=re.DOTALL | re.IGNORECASE)
    text = _TAG_WITH_NEWLINES.sub(lambda m: " ".join(m.group(0).split()), text)
    text = re.sub(r"<br\s*/?>\s*<br\s*/?>", "\n\n", text + "\n")
    text = re.sub(rf"(<{BLOCKS}[\s/>])", r"\n\n\1", text, flags=re.IGNORECASE)
    text = re.sub(rf"(</{BLOCKS}>)", r"\1\n\n", text, flags=re.IGNORECASE)
    text = re.sub(r"\n\n+", "\n\n", text)
    paragraphs = [chunk.strip() for chunk in re.split(r"\n\s*\n", text) if chunk.strip()]
    text = "".join(f"<p>{chunk}</p>\n" for chunk in paragraphs)
    rules = [
        (r"<p>\s*</p>", ""),
        (r"<p>([^<]+)</(div|address|form)>", r"<p>\1</p></\2>"),
        (rf"<p>\s*(</?{BLOCKS}[^>]*>)\s*</p>", r"\1"),
        (r"<p>(<li.+?)</p>", r"\1"),
        (r"<p><blockquote([^>]*)>", r"<blockquote\1><p>"),
        (r"</blockquote></p>", "</p></blockquote>"),
        (rf"<p>\s*(</?{BLOCKS}[^>]*>)", r"\1"),
        (rf"(</?{BLOCKS}[^>]*>)\s*</p>", r"\1"),
        (r"(?<!<br />)\s*\n(?!$)", "<br />\n"),
        (rf"(</?{BLOCKS}[^>]*>)\s*<br />", r"\1"),
        (r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", r"\1"),
    ]
    for pattern, replacement in rules:
        text = re.sub(pattern, replacement, text, flags=re.IGNORECASE)
    for n, block in enumerate(preserved):
        text = text.replace(f"<pre>wppre{n}</pre>", block)
    return text


def _media_source(kind, attributes, inner):
    for key in ("src", *_MEDIA_EXTENSIONS):
        if attributes.get(key):
            return attributes[key]
    return (inner or "").strip()


def convert(content):
    """Return the body to store and the audio/video sources the shortcodes named."""
    media, notes, changes = [], [], []
    text = (content or "").replace("\r\n", "\n").replace("\r", "\n")
    text = shortcodes.mark_dynamic_blocks(text, notes)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)
    text = _columns(text)
    text = _code_blocks(text, changes)
    text = _players(text, notes, changes)
    text = _BLOCK_EMBED.sub(lambda m: f"\n\n{m.group(1)}\n\n", text)
    text = _EMBED.sub(lambda m: f"\n\n{html.unescape(m.group(1).strip())}\n\n", text)

    def collect(match):
        source = _media_source(match.group(1), shortcode_attributes(match.group(2)),
                               match.group(3))
        if source:
            media.append((match.group(1).lower(), source))
        return "\n\n"

    text = _MEDIA.sub(collect, text)
    text = _CAPTION.sub(_caption, text)
    text = _HTML_CAPTION.sub(_html_caption, text)
    text = shortcodes.convert(text, notes)
    urls = []

    def placeholder(match):
        urls.append(match.group(1))
        return f"\n\nwpurl{len(urls) - 1}x\n\n"

    pieces = re.split(f"({_KEPT_WHOLE.pattern})", text, flags=re.DOTALL | re.IGNORECASE)
    text = "".join(piece if _KEPT_WHOLE.fullmatch(piece) else _BARE_URL.sub(placeholder, piece)
                   for piece in pieces)
    body = _typed_numbers(_EMPTY_PARAGRAPH.sub("", clean_html(autop(text))))
    for n, url in enumerate(urls):
        body = body.replace(f"<p>wpurl{n}x</p>", f"\n\n{url}\n\n")
        body = body.replace(f"wpurl{n}x", html.escape(url))
    return Converted(body=re.sub(r"\n{3,}", "\n\n", body).strip(), media=media, notes=notes,
                     changes=changes)
