"""The one place where untrusted HTML is made safe.

Every path that puts HTML written by someone else on a page goes through here:
Markdown from the editor (on save and in the live preview), content imported
from WordPress, visitors' comments and anything a feed repeats. bleach is kept
behind this module so that the allowlist lives in one file and a future
replacement touches one file.

Design notes:

* The allowlist is explicit and small. No ``style``, no event handlers, no
  ``iframe``: embedded players are built by our own templates from an
  allowlisted provider URL (see ``posts.embeds``), never taken from input.
* Only ``http``, ``https`` and ``mailto`` URLs (and relative ones) survive.
* Script and style elements are dropped with their content, so a pasted
  ``<script>`` leaves no stray code as text; what is left is still cleaned.
* bleach's ``Cleaner`` and ``Linker`` are not thread-safe, so a fresh one is
  built per call; the cost is small next to parsing.
* Callers may pass html5lib token filters that run *after* sanitizing, to add
  attributes the sanitizer would otherwise strip (image ``srcset`` computed
  from our own storage, for instance). Filters see only clean tokens.
"""

import html
import re
from functools import partial
from urllib.parse import urlsplit

import bleach
from bleach.linkifier import TLDS, Linker, LinkifyFilter
from django.utils.html import linebreaks

from .site_url import site_host

ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})

RICH_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "div",
        "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i",
        "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span",
        "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
    }
)

_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_CLASS_ALLOWED = re.compile(
    r"^(footnote|footnote-ref|footnote-backref|language-[\w-]+|align\w+|columns|column)$")
_ID_ALLOWED = re.compile(r"^(fn|fnref):[\w-]+$")


def _rich_attribute_allowed(tag, name, value):
    if name == "class":
        return all(_CLASS_ALLOWED.match(part) for part in value.split())
    if name == "id":
        return bool(_ID_ALLOWED.match(value))
    allowed = {
        "a": {"href", "title"},
        "abbr": {"title"},
        "img": {"src", "alt", "title", "width", "height"},
        "td": {"colspan", "rowspan", "align"},
        "th": {"colspan", "rowspan", "align", "scope"},
        "ol": {"start", "reversed"},
        "blockquote": {"cite"},
        "q": {"cite"},
    }
    return name in allowed.get(tag, ())


def _split(url):
    """``urlsplit``, or ``None`` for an address it cannot read (``http://[x]`` raises)."""
    try:
        return urlsplit(url or "")
    except ValueError:
        return None


def is_external(url):
    """True for an absolute http(s) URL pointing away from this site."""
    parts = _split(url)
    if parts is None or parts.scheme not in {"http", "https"}:
        return False
    return parts.netloc.lower() != site_host()


def _rel_for_external(rel_values):
    def callback(attrs, new=False):
        href = attrs.get((None, "href"), "")
        if is_external(href):
            existing = set(attrs.get((None, "rel"), "").split())
            attrs[(None, "rel")] = " ".join(sorted(existing | set(rel_values)))
        return attrs

    return callback


LINKABLE = re.compile(
    r"""\(*\b(?<![@.])
    (?:(?:https?|ftp)://(?:(?:\w+:)?\w+@)?|(?=www\.))  # a scheme, or www.
    ([\w-]+\.)+(?:{})(?::[0-9]+)?(?!\.\w)\b
    (?:[/?][^\s{{}}|\\^`<>"]*)?""".format("|".join(sorted(TLDS))),
    re.IGNORECASE | re.VERBOSE | re.UNICODE)
"""Text that becomes a link by itself: an address with a scheme or starting ``www.``,
as WordPress links them. Text that merely looks like a domain (Polish "m.in", "3.MD",
a file called "LibStorage.pm") stays text."""


def clean_html(markup, filters=()):
    """Sanitize rich HTML (posts, imports) and mark external links ``rel="noopener"``.

    Bare URLs become links in the same pass, as a filter of the cleaner: a second pass
    with bleach's ``Linker`` would escape the text of ``code`` and ``pre`` once more
    (``a &lt; b`` shown as ``a &amp;lt; b``).
    """
    linkify = partial(LinkifyFilter, callbacks=[_rel_for_external(["noopener"])],
                      skip_tags={"pre", "code"}, parse_email=False, url_re=LINKABLE)
    cleaner = bleach.Cleaner(
        tags=RICH_TAGS,
        attributes=_rich_attribute_allowed,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
        filters=[*filters, linkify],
    )
    return cleaner.clean(_SCRIPT_OR_STYLE.sub("", markup or ""))


COMMENT_TAGS = {"a": ["href"], "b": [], "strong": [], "i": [], "em": [],
                "q": [], "cite": [], "code": [], "del": [], "s": []}
"""What a visitor may use in a comment: WordPress's inline tags (no ``blockquote``, which
cannot sit inside the paragraphs a comment is split into, and no ``title`` attributes);
the form names them. Any other markup is shown as the text that was typed."""


def clean_comment(text):
    """Turn a visitor's text into safe HTML.

    The tags of ``COMMENT_TAGS`` stay (links only to http and https); every other
    ``<`` is escaped, so other markup shows as typed. Paragraphs and line breaks are
    kept, the result is parsed once more so that tags crossing paragraphs nest
    correctly, and every link, typed or a bare URL, gets
    ``rel="nofollow ugc noopener"``, as in WordPress.
    """
    allowed = bleach.clean(text or "", tags=set(COMMENT_TAGS), attributes=COMMENT_TAGS,
                           protocols={"http", "https"}, strip=False, strip_comments=True)
    paragraphs = bleach.clean(linebreaks(allowed, autoescape=False),
                              tags={"p", "br", *COMMENT_TAGS}, attributes=COMMENT_TAGS,
                              protocols={"http", "https"}, strip=True)
    linker = Linker(
        callbacks=[_force_rel(["nofollow", "ugc", "noopener"])],
        parse_email=False, url_re=LINKABLE,
    )
    return linker.linkify(paragraphs)


def comment_text(markup):
    """A comment written as HTML elsewhere (WordPress) as the text a visitor would type
    here: paragraphs and breaks become newlines, the tags of ``COMMENT_TAGS`` stay (so
    links and emphasis survive), other tags go; entities become characters, except
    ``&lt;`` and ``&gt;``, which would otherwise turn text into markup."""
    text = re.sub(r"<br\s*/?>", "\n", markup or "", flags=re.IGNORECASE)
    text = re.sub(r"</p\s*>", "\n\n", text, flags=re.IGNORECASE)
    text = bleach.clean(_SCRIPT_OR_STYLE.sub("", text), tags=set(COMMENT_TAGS),
                        attributes=COMMENT_TAGS, protocols={"http", "https"}, strip=True,
                        strip_comments=True)
    text = re.sub(r"&(?!lt;|gt;)#?\w+;", lambda entity: html.unescape(entity[0]), text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def paragraphs_text(markup):
    """HTML from another server (a reply from the fediverse) as plain paragraphs: each
    paragraph and line break a blank line, every tag gone, entities made characters.
    What comes out is a comment's text, rendered and cleaned by ``clean_comment``."""
    text = re.sub(r"<br\s*/?>|</p>\s*<p[^>]*>", "\n\n", markup or "", flags=re.IGNORECASE)
    text = bleach.clean(_SCRIPT_OR_STYLE.sub("", text), tags=set(), strip=True,
                        strip_comments=True)
    parts = html.unescape(text).split("\n\n")
    return "\n\n".join(" ".join(part.split()) for part in parts if part.strip())


def _force_rel(rel_values):
    def callback(attrs, new=False):
        parts = _split(attrs.get((None, "href"), ""))
        if parts is None or parts.scheme not in {"http", "https"}:
            return None
        attrs[(None, "rel")] = " ".join(rel_values)
        return attrs

    return callback


def strip_tags(markup):
    """Plain text of some HTML, for excerpts, feeds' summaries and meta tags."""
    text = bleach.clean(markup or "", tags=set(), strip=True, strip_comments=True)
    return html.unescape(re.sub(r"\s+", " ", text)).strip()


def plain_line(text):
    """One line with no markup, not even markup that was escaped once, for feed titles
    and author names: feed readers render a title's entities as HTML."""
    while True:
        stripped = strip_tags(text)
        if stripped == text:
            return " ".join(stripped.replace("<", "").replace(">", "").split())
        text = stripped


def safe_url(url):
    """Return ``url`` if it is a plain http(s) URL, else an empty string."""
    url = (url or "").strip()
    parts = _split(url)
    if parts is not None and parts.scheme in {"http", "https"} and parts.netloc:
        return url
    return ""
