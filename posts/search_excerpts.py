"""The passage of a post a search found, with the words found marked.

The passage is taken from the post's text as a reader sees it (the rendered body
with its tags stripped), around the first place a searched word occurs, and is
escaped before ``<mark>`` is put in, so nothing of the post's own HTML reaches the
results page. A word matches where a word of the text starts with it or with its
stem-like head (all but its last two letters, at least four), which is close to
what PostgreSQL's Swedish stemmer matched ("skolor" marks "skolorna" and "skola").
"""

import html
import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from .search_words import fold

WIDTH = 240


def _heads(words):
    heads = set()
    for word in words:
        folded = fold(word.strip('"-'))
        if len(folded) >= 2:
            heads.add(folded[: max(4, len(folded) - 2)] if len(folded) > 4 else folded)
    return sorted(heads, key=len, reverse=True)


def _spans(folded_text, heads):
    if not heads:
        return []
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, heads)) + r")\w*")
    return [match.span() for match in pattern.finditer(folded_text)]


_BLOCK_END = re.compile(r"</(?:h[1-6]|li|p|blockquote|td|th|dt|dd|figcaption)>", re.IGNORECASE)


def plain_text(body_html):
    """The text of ``body_html`` as one paragraph: each heading, list item or paragraph
    ends like a sentence, so they do not run together."""
    blocks = html.unescape(strip_tags(_BLOCK_END.sub("\x00", body_html or ""))).split("\x00")
    sentences = []
    for block in blocks:
        text = " ".join(block.split())
        if text:
            sentences.append(text if text[-1] in ".!?:;…" else text + ".")
    return " ".join(sentences)


def excerpt(text, words, width=WIDTH):
    """``text`` cut to about ``width`` characters around the first match, marked."""
    spans = _spans(fold(text), _heads(words))
    start = 0
    if spans and spans[0][0] > width // 3:
        start = text.rfind(" ", 0, spans[0][0] - width // 3) + 1
    end = len(text) if len(text) - start <= width else text.rfind(" ", start, start + width)
    end = end if end > start else start + width
    pieces, position = [], start
    for first, last in spans:
        if first < start or last > end:
            continue
        pieces += [escape(text[position:first]), f"<mark>{escape(text[first:last])}</mark>"]
        position = last
    pieces.append(escape(text[position:end]))
    before = "… " if start else ""
    after = " …" if end < len(text) else ""
    return mark_safe(before + "".join(pieces) + after)


def title(text, words):
    """The title with the searched words marked."""
    return excerpt(text, words, width=len(text) or 1)
