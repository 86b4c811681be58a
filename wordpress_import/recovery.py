"""Reading an export that WordPress reads but a strict XML parser refuses.

Real exports carry mistakes WordPress's own importer forgives by falling back to
reading item by item: an unescaped ``]]>`` inside a CDATA section (an old AdSense
snippet pasted into a post), a stray byte, a tag left open. When the strict parse
(``wxr``) fails, the rest of the file is read the same way: each ``<item>`` on its
own, strictly first; an item that still fails has its CDATA sections mended (a
section runs to the ``]]>`` that closes its element, as WordPress reads it) and,
failing that, is read by lxml in recover mode, still with no DTD, no entity
expansion and no network. Each item that had to be mended carries what was wrong
(``Item.mended``), so the report names it; the channel's terms and authors are read
from the header the same way.
"""

import re
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from lxml import etree

from . import wxr

_ITEM = re.compile(r"<item>.*?</item>", re.DOTALL)
_RSS = re.compile(r"<rss\b[^>]*>")
_CDATA_FIELD = re.compile(
    r"<((?:content|excerpt|wp):\w+|title)>\s*<!\[CDATA\[(.*?)\]\]>\s*</\1>", re.DOTALL)


def _document(rss_tag, body):
    return f"{rss_tag}<channel>{body}</channel></rss>"


def _mend_cdata(text):
    """Each CDATA section runs to the ``]]>`` before its element's end tag; a ``]]>``
    inside it is split so that it stays text."""
    return _CDATA_FIELD.sub(
        lambda m: f"<{m[1]}><![CDATA[{m[2].replace(']]>', ']]]]><![CDATA[>')}]]></{m[1]}>", text)


def _parse(document):
    """The channel element of ``document``, and what had to be mended to read it."""
    try:
        return fromstring(document).find("channel"), []
    except DefusedXmlException:
        raise
    except ParseError as error:
        first = str(error)
    try:
        return fromstring(_mend_cdata(document)).find("channel"), [
            f"{first}: a ']]>' inside the text was read as text"]
    except ParseError:
        pass
    parser = etree.XMLParser(recover=True, resolve_entities=False, load_dtd=False,
                             no_network=True, huge_tree=True, remove_comments=True,
                             remove_pis=True)
    root = etree.fromstring(document.encode(), parser)
    if root is None:
        raise wxr.WXRError(first)
    return root.find("channel"), [f"{first}: read as far as it could be"]


def items_after(path, channel_info, skip, channel_sent):
    """Yield what ``wxr.read`` yields, reading item by item, leaving out the first ``skip``
    items and, when ``channel_sent``, the channel (the strict parse delivered them);
    returns whether anything was found."""
    with open(path, "rb") as raw:
        prepared = wxr.Prepared(raw)
        text = (prepared.head + raw.read()).decode("utf-8", errors="replace")
    rss_tag = _RSS.search(text)
    if rss_tag is None or "<channel>" not in text:
        return False
    items = list(_ITEM.finditer(text))
    if not channel_sent:
        start = text.index("<channel>") + len("<channel>")
        end = items[0].start() if items else text.rfind("</channel>")
        channel, _ = _parse(_document(rss_tag.group(0), text[start:end]))
        if channel is not None:
            yield from _channel(channel, channel_info)
    for number, match in enumerate(items):
        if number < skip:
            continue
        channel, mended = _parse(_document(rss_tag.group(0), match.group(0)))
        element = channel.find("item") if channel is not None else None
        if element is not None:
            item = wxr.item_of(element)
            item.mended = mended
            yield "item", item
    return True


def _channel(channel, channel_info):
    for child in channel:
        name = wxr.short_name(child.tag)
        if name == "wp:category":
            channel_info["categories"].append(wxr.fields_of(child))
        elif name == "wp:tag":
            channel_info["tags"].append(wxr.fields_of(child))
        elif name == "wp:author":
            channel_info["authors"].append(wxr.fields_of(child))
        elif len(child) == 0:
            channel_info["fields"].setdefault(name, (child.text or "").strip())
    yield "channel", channel_info
