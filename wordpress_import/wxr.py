"""Streaming reader for WordPress eXtended RSS (WXR 1.0, 1.1 and 1.2).

The file is read with defusedxml's ``iterparse``: entity declarations (the
"billion laughs") and external entities are refused, and each ``<item>`` is
turned into plain Python data and then dropped from the tree, so memory stays
flat however large the export.

Element names are reduced to ``prefix:name`` whatever WXR version the
namespaces carry, so the rest of the importer never sees a namespace URI.
WordPress.com writes ``atom:`` (and sometimes other) prefixes without declaring
them, which XML parsers reject as "unbound prefix"; the usual ones are declared
on ``<rss>`` before parsing when the file leaves them out, as WordPress's own
importer tolerates them.
"""

import codecs
import html
import re
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

PREFIXES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
}


KNOWN_NAMESPACES = {
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "georss": "http://www.georss.org/georss",
    "geo": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "media": "http://search.yahoo.com/mrss/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
    "wp": "http://wordpress.org/export/1.2/",
}
_RSS_TAG = re.compile(rb"<rss\b[^>]*>")
HEAD_BYTES = 64 * 1024


_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([\w.:-]+)[\"']")


class Prepared:
    """The export as a stream, fixed where WordPress exports are known to go wrong:
    blank lines (a theme's stray newline) before the XML declaration are left out, the
    ``KNOWN_NAMESPACES`` its ``<rss>`` tag leaves undeclared are declared, and a file
    that declares a legacy encoding but is written in UTF-8 is read as UTF-8.
    ``notes`` says what was fixed; ``column(line, column)`` maps a parser position
    back to the file as written."""

    def __init__(self, raw):
        self.raw = raw
        self.notes = []
        head = raw.read(HEAD_BYTES)
        start = head.removeprefix(codecs.BOM_UTF8).lstrip(b" \t\r\n")
        if start.startswith(b"<?xml") and start != head.removeprefix(codecs.BOM_UTF8):
            self.notes.append("blank lines before the XML declaration were left out")
            head = start
        head = self._encoding(head)
        self.shift = None
        match = _RSS_TAG.search(head)
        if match:
            tag = match.group(0)
            missing = b"".join(
                f' xmlns:{prefix}="{uri}"'.encode()
                for prefix, uri in KNOWN_NAMESPACES.items()
                if f"xmlns:{prefix}=".encode() not in tag
            )
            at = match.end() - 1
            line = head.count(b"\n", 0, at) + 1
            self.shift = (line, at - (head.rfind(b"\n", 0, at) + 1), len(missing))
            head = head[:at] + missing + head[at:]
        self.head = head

    def _encoding(self, head):
        declared = _DECLARATION.match(head)
        if not declared:
            return head
        name = declared.group(1).decode("ascii")
        try:
            codec = codecs.lookup(name).name
        except LookupError as error:
            raise WXRError(f"the file declares an unknown character encoding “{name}”") \
                from error
        if codec == "utf-8" or not _written_in_utf8(self.raw, head):
            return head
        self.notes.append(f"the file declares {name} but is written in UTF-8; read as UTF-8")
        start, end = declared.span(1)
        return head[:start] + b"UTF-8" + head[end:]

    def column(self, line, column):
        if self.shift and line == self.shift[0] and column > self.shift[1]:
            return max(self.shift[1], column - self.shift[2])
        return column

    def read(self, size=-1):
        if self.head:
            chunk, self.head = self.head, b""
            return chunk
        return self.raw.read(size)


def _written_in_utf8(raw, head):
    """Whether the whole file decodes as UTF-8 and has text outside ASCII; reads the rest
    of ``raw`` and returns to where it was."""
    position = raw.tell()
    decoder = codecs.getincrementaldecoder("utf-8")()
    beyond_ascii = False
    try:
        for chunk in (head, *iter(lambda: raw.read(1 << 20), b"")):
            decoder.decode(chunk)
            beyond_ascii = beyond_ascii or any(byte > 127 for byte in chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    finally:
        raw.seek(position)
    return beyond_ascii


def _last_line(path):
    """The number of the file's last line with text on it."""
    with open(path, "rb") as raw:
        lines = 1 + sum(chunk.count(b"\n") for chunk in iter(lambda: raw.read(1 << 20), b""))
        raw.seek(max(0, raw.tell() - 4096))
        tail = raw.read()
    return lines - tail[len(tail.rstrip()):].count(b"\n")


def _invalid_utf8_line(path):
    """The line of the first byte sequence that is not UTF-8, or ``None``."""
    with open(path, "rb") as raw:
        line = 1
        decoder = codecs.getincrementaldecoder("utf-8")()
        for chunk in iter(lambda: raw.read(1 << 20), b""):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                return line + chunk.count(b"\n", 0, error.start)
            line += chunk.count(b"\n")
    return None


class WXRError(Exception):
    """The file cannot be read as a WordPress export; the message says why."""


def short_name(tag):
    if not isinstance(tag, str):
        return ""
    if not tag.startswith("{"):
        return tag
    uri, name = tag[1:].split("}", 1)
    if uri.split("://", 1)[-1].startswith("wordpress.org/export/"):
        return f"excerpt:{name}" if uri.rstrip("/").endswith("excerpt") else f"wp:{name}"
    return f"{PREFIXES.get(uri, uri)}:{name}"


def _text(element):
    return (element.text or "").strip() if element is not None else ""


def fields_of(element):
    """Simple children as a dict: ``{"wp:post_id": "12", ...}`` (first one wins)."""
    found = {}
    for child in element:
        found.setdefault(short_name(child.tag), child.text or "")
    return found


@dataclass
class Item:
    fields: dict
    terms: list = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    comments: list = field(default_factory=list)
    mended: list = field(default_factory=list)

    def get(self, name, default=""):
        return (self.fields.get(name) or default).strip()

    @property
    def title(self):
        """The title as text: WordPress stores ``&amp;`` and friends as entities."""
        return " ".join(html.unescape(self.get("title")).split())

    @property
    def label(self):
        title = self.title or "(utan rubrik)"
        return f"“{title}” (WordPress ID {self.get('wp:post_id') or '?'})"


def item_of(element):
    item = Item(fields_of(element))
    for child in element:
        name = short_name(child.tag)
        if name == "category":
            item.terms.append((child.get("domain", ""), child.get("nicename", ""),
                               (child.text or "").strip()))
        elif name == "wp:postmeta":
            meta = fields_of(child)
            item.meta[meta.get("wp:meta_key", "")] = meta.get("wp:meta_value", "")
        elif name == "wp:comment":
            comment = fields_of(child)
            comment.pop("wp:commentmeta", None)
            item.comments.append(comment)
    return item


def read(path):
    """Yield ``("channel", dict)`` once the header is read, then ``("item", Item)`` for each item.

    Channel-level terms (``wp:category``, ``wp:tag``) and authors are collected
    into the channel dict under ``categories``, ``tags`` and ``authors``. A file the
    strict parser refuses is read on by ``recovery`` from the item where it stopped,
    unless it ends too early (a cut-short download is exported again, not guessed at).
    """
    channel_info = {"categories": [], "tags": [], "authors": [], "fields": {}}
    source = None
    delivered, last = 0, None
    try:
        with open(path, "rb") as raw:
            source = Prepared(raw)
            channel_info["notes"] = source.notes
            parser = iterparse(source, events=("start", "end"), forbid_dtd=True)
            found = False
            for kind, data in walk(parser, channel_info):
                found = True
                if kind == "item":
                    delivered, last = delivered + 1, data
                yield kind, data
    except DefusedXmlException as error:
        raise WXRError(
            f"the file declares a DTD or entities, which are refused for safety ({error})"
        ) from error
    except ParseError as error:
        bad_line = _invalid_utf8_line(path)
        if bad_line is not None:
            raise WXRError(
                f"the file is not valid UTF-8 at line {bad_line} (it may have been saved as "
                "Windows-1252 or Latin-1); save it as UTF-8 and import it again"
            ) from error
        reason = str(error).split(":", 1)[0]
        line, column = error.position
        column = source.column(line, column) if source else column
        if reason == "no element found" or _last_line(path) <= line:
            after = f", after item {last.label}" if delivered else ""
            raise WXRError(
                f"the file is not well-formed XML: {reason} (line {line}, column {column}"
                f"{after}): it ends too early; export it again") from error
        channel_info.setdefault("notes", []).append(
            f"the file is not well-formed XML ({reason}, line {line}, column {column}); "
            "the rest was read as WordPress reads it")
        from . import recovery

        found = yield from recovery.items_after(path, channel_info, delivered, found)
    if not found:
        raise WXRError("the file is not a WordPress export (no RSS channel found)")


def walk(parser, channel_info):
    """The channel and its items from ``parser``'s start and end events (ElementTree's or
    lxml's)."""
    channel = None
    announced = False
    depth = 0
    for event, element in parser:
        name = short_name(element.tag)
        if event == "start":
            depth += 1
            if name == "channel" and depth == 2:
                channel = element
            continue
        depth -= 1
        if channel is None or depth != 2:
            if name == "channel" and channel is not None and not announced:
                announced = True
                yield "channel", channel_info
            continue
        if name == "item":
            if not announced:
                announced = True
                yield "channel", channel_info
            yield "item", item_of(element)
            channel.remove(element)
        elif name == "wp:category":
            channel_info["categories"].append(fields_of(element))
        elif name == "wp:tag":
            channel_info["tags"].append(fields_of(element))
        elif name == "wp:author":
            channel_info["authors"].append(fields_of(element))
        elif len(element) == 0:
            channel_info["fields"].setdefault(name, _text(element))
    if channel is not None and not announced:
        yield "channel", channel_info
