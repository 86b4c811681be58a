"""Folding and the vocabulary that lets search forgive.

Readers type on phones and foreign keyboards: "sjodalen" for Sjödalen, "CYKELVÄG" for
cykelväg, "cykelvägn" for cykelvägen. Two things make those find what they mean.

*Folding* turns text into a comparable form: case folded and diacritics dropped, one
character for one so that a position in the folded text is a position in the
original (which is what highlighting needs). Both sides of every comparison are
folded: in Python here, on SQLite by the same function registered in SQL, and on
PostgreSQL by ``unaccent`` when the search document is built.

The *vocabulary* is every word the posts use, folded and as written. When a search
finds nothing, each query word that finds nothing by itself is replaced by the
nearest known word that does (trigram similarity on PostgreSQL, ``difflib`` on
SQLite) and the search runs once more. Words of drafts are in the vocabulary too; a word is only
ever suggested when it finds published posts, so it tells a reader nothing a
published post does not.
"""

import difflib
import re
import unicodedata

from django.db import connection

WORD = re.compile(r"\w{3,40}")
ADDRESS = re.compile(r"\b(?:https?://|www\.)\S+")
SIMILAR_ENOUGH = 0.7


def _fold_char(char: str) -> str:
    folded = unicodedata.normalize("NFKD", char.casefold())
    return folded[0] if folded else char


def fold(text: str) -> str:
    """Case and diacritics folded, one character for each character of ``text``."""
    if not text:
        return text
    if text.isascii():
        return text.lower()
    return "".join(map(_fold_char, text))


def words(text: str) -> dict[str, str]:
    """The words of ``text`` worth suggesting: folded form → form as written (lower case)."""
    found = {}
    for match in WORD.finditer(ADDRESS.sub(" ", text or "")):
        word = match.group()
        if not word.isdigit():
            found.setdefault(fold(word), word.lower())
    return found


def learn(posts) -> None:
    """Add the words of ``posts`` to the vocabulary (words are never removed: a stale
    one only costs a suggestion that is then not shown)."""
    from .models import SearchWord

    found = {}
    for post in posts:
        found.update(words(f"{post.title} {post.body}"))
    SearchWord.objects.bulk_create(
        [SearchWord(folded=folded, word=word) for folded, word in found.items()],
        ignore_conflicts=True, batch_size=500,
    )


def nearest(word: str, limit: int = 5) -> list[str]:
    """The known words closest to ``word``, closest first, as written."""
    from django.db.models.functions import Length

    from .models import SearchWord

    folded = fold(word)
    known = SearchWord.objects.exclude(folded=folded)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramSimilarity

        return list(known.filter(folded__trigram_similar=folded)
                    .annotate(similarity=TrigramSimilarity("folded", folded))
                    .order_by("-similarity", "folded").values_list("word", flat=True)[:limit])
    candidates = dict(
        known.annotate(length=Length("folded"))
        .filter(length__gte=len(folded) - 2, length__lte=len(folded) + 2)
        .values_list("folded", "word")
    )
    close = difflib.get_close_matches(folded, sorted(candidates), n=limit, cutoff=SIMILAR_ENOUGH)
    return [candidates[key] for key in close]
