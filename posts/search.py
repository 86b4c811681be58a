"""Search over published posts.

On PostgreSQL this is real full-text search with the ``swedish`` configuration
(so "skolor" finds "skola") ranked by relevance, titles weighing more than
bodies. Each post's search document is computed when it is saved, from its text
with the accents taken off by ``unaccent`` (so "sjodalen" finds Sjödalen), and kept
in ``Post.search_document`` under a GIN index, so a search reads the index instead
of analysing every post's text again. SQLite has no such thing, so there every
word must appear in the title or the body, newest first, both sides folded by
:func:`posts.search_words.fold`, registered as an SQL function on each connection.

A search that finds nothing is tried once more with misspelt words replaced by
the nearest word the posts use (see :mod:`posts.search_words`); the result says
so, as "Visar träffar för …".
"""

from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Func, Q

from . import search_words
from .search_words import fold

MAX_QUERY_LENGTH = 200


class Fold(Func):
    function = "fold"


class Unaccent(Func):
    function = "unaccent"


def document():
    return SearchVector(Unaccent("title"), weight="A", config="swedish") + SearchVector(
        Unaccent("body"), weight="B", config="swedish")


def register_fold(sender, connection, **kwargs):
    """``connection_created`` receiver: give SQLite the same ``fold()`` as Python's."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("fold", 1, fold, deterministic=True)


def index(queryset):
    """Store the search document of the posts in ``queryset`` (PostgreSQL only) and
    learn their words."""
    if connection.vendor == "postgresql":
        queryset.update(search_document=document())
    search_words.learn(queryset.only("title", "body"))


def normalize(query):
    return " ".join((query or "").split())[:MAX_QUERY_LENGTH]


@dataclass
class Results:
    """What a search found, and the words it found it for when they differ from the
    query (a misspelling corrected)."""

    posts: object
    words: list[str] = field(default_factory=list)
    corrected: str = ""


def matching(queryset, query):
    if connection.vendor == "postgresql":
        search_query = SearchQuery(fold(query), search_type="websearch", config="swedish")
        return (
            queryset.filter(search_document=search_query)
            .annotate(rank=SearchRank(F("search_document"), search_query))
            .order_by("-rank", "-published_at")
        )
    condition = Q()
    for word in query.split():
        folded = fold(word)
        condition &= Q(folded_title__contains=folded) | Q(folded_body__contains=folded)
    return queryset.alias(folded_title=Fold("title"), folded_body=Fold("body")).filter(condition)


MAX_CORRECTED_WORDS = 5


def corrected_word(queryset, word):
    """``word`` if it finds published posts, else the nearest known word that does."""
    if matching(queryset, word).exists():
        return word
    for candidate in search_words.nearest(word):
        if matching(queryset, candidate).exists():
            return candidate
    return word


def search(queryset, query) -> Results:
    query = normalize(query)
    if not query:
        return Results(queryset.none())
    found = matching(queryset, query)
    words = query.split()
    if found.exists() or len(words) > MAX_CORRECTED_WORDS:
        return Results(found, words)
    corrected = [corrected_word(queryset, word) for word in words]
    if corrected != words:
        again = matching(queryset, " ".join(corrected))
        if again.exists():
            return Results(again, corrected, " ".join(corrected))
    return Results(found, words)
