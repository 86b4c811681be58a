"""Streaming reader for WordPress eXtended RSS (WXR 1.0, 1.1 and 1.2).

The file is read with defusedxml's ``iterparse``: entity declarations (the
"billion laughs") and external entities are refused, and each ``<item>`` is
turned into plain Python data and then dropped from the tree, so memory stays
flat however large the export.

Element names are reduced to ``prefix:name`` whatever WXR version the
namespaces carry, so the rest of the importer never sees a namespace URI.
"""

from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

PREFIXES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
}


class WXRError(Exception):
    """The file cannot be read as a WordPress export; the message says why."""


def short_name(tag):
    if not tag.startswith("{"):
        return tag
    uri, name = tag[1:].split("}", 1)
    if uri.split("://", 1)[-1].startswith("wordpress.org/export/"):
        return f"excerpt:{name}" if uri.rstrip("/").endswith("excerpt") else f"wp:{name}"
    return f"{PREFIXES.get(uri, uri)}:{name}"


def _text(element):
    return (element.text or "").strip() if element is not None else ""


def _fields(element):
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

    def get(self, name, default=""):
        return (self.fields.get(name) or default).strip()

    @property
    def label(self):
        title = self.get("title") or "(utan rubrik)"
        return f"“{title}” (WordPress ID {self.get('wp:post_id') or '?'})"


def _item(element):
    item = Item(_fields(element))
    for child in element:
        name = short_name(child.tag)
        if name == "category":
            item.terms.append((child.get("domain", ""), child.get("nicename", ""),
                               (child.text or "").strip()))
        elif name == "wp:postmeta":
            meta = _fields(child)
            item.meta[meta.get("wp:meta_key", "")] = meta.get("wp:meta_value", "")
        elif name == "wp:comment":
            comment = _fields(child)
            comment.pop("wp:commentmeta", None)
            item.comments.append(comment)
    return item


def read(path):
    """Yield ``("channel", dict)`` once the header is read, then ``("item", Item)`` for each item.

    Channel-level terms (``wp:category``, ``wp:tag``) and authors are collected
    into the channel dict under ``categories``, ``tags`` and ``authors``.
    """
    channel_info = {"categories": [], "tags": [], "authors": [], "fields": {}}
    channel = None
    announced = False
    depth = 0
    try:
        for event, element in iterparse(path, events=("start", "end"), forbid_dtd=True):
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
                yield "item", _item(element)
                channel.remove(element)
            elif name == "wp:category":
                channel_info["categories"].append(_fields(element))
            elif name == "wp:tag":
                channel_info["tags"].append(_fields(element))
            elif name == "wp:author":
                channel_info["authors"].append(_fields(element))
            elif len(element) == 0:
                channel_info["fields"].setdefault(name, _text(element))
    except DefusedXmlException as error:
        raise WXRError(
            f"the file declares a DTD or entities, which are refused for safety ({error})"
        ) from error
    except ParseError as error:
        line, column = error.position
        raise WXRError(
            f"the file is not well-formed XML (line {line}, column {column})"
        ) from error
    if channel is None:
        raise WXRError("the file is not a WordPress export (no RSS channel found)")
