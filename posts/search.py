"""Search over published posts.

On PostgreSQL this is real full-text search with the ``swedish`` configuration
(so "skolor" finds "skola") ranked by relevance, titles weighing more than
bodies. Each post's search document is computed when it is saved and kept in
``Post.search_document`` under a GIN index, so a search reads the index instead
of analysing every post's text again. SQLite has no such thing, so there every
word must appear in the title or the body, newest first. SQLite's own case folding
knows only ASCII ("SJÖDALEN" would not find "Sjödalen"), so both sides are folded
by Python's ``str.casefold``, registered as an SQL function on each connection.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Func, Q

MAX_QUERY_LENGTH = 200
DOCUMENT = SearchVector("title", weight="A", config="swedish") + SearchVector(
    "body", weight="B", config="swedish"
)


class Casefold(Func):
    function = "casefold"


def register_casefold(sender, connection, **kwargs):
    """``connection_created`` receiver: give SQLite a Unicode-aware ``casefold()``."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "casefold", 1, lambda text: text.casefold() if text else text, deterministic=True)


def index(queryset):
    """Store the search document of the posts in ``queryset`` (PostgreSQL only)."""
    if connection.vendor == "postgresql":
        queryset.update(search_document=DOCUMENT)


def normalize(query):
    return " ".join((query or "").split())[:MAX_QUERY_LENGTH]


def search(queryset, query):
    query = normalize(query)
    if not query:
        return queryset.none()
    if connection.vendor == "postgresql":
        search_query = SearchQuery(query, search_type="websearch", config="swedish")
        return (
            queryset.filter(search_document=search_query)
            .annotate(rank=SearchRank(F("search_document"), search_query))
            .order_by("-rank", "-published_at")
        )
    condition = Q()
    for word in query.split():
        folded = word.casefold()
        condition &= Q(folded_title__contains=folded) | Q(folded_body__contains=folded)
    return queryset.annotate(folded_title=Casefold("title"),
                             folded_body=Casefold("body")).filter(condition)
