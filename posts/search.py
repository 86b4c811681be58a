"""Search over published posts.

On PostgreSQL this is real full-text search with the ``swedish`` configuration
(so "skolor" finds "skola") ranked by relevance, titles weighing more than
bodies. SQLite has no such thing, so there every word must appear in the title
or the body, newest first.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q

MAX_QUERY_LENGTH = 200


def normalize(query):
    return " ".join((query or "").split())[:MAX_QUERY_LENGTH]


def search(queryset, query):
    query = normalize(query)
    if not query:
        return queryset.none()
    if connection.vendor == "postgresql":
        vector = SearchVector("title", weight="A", config="swedish") + SearchVector(
            "body", weight="B", config="swedish"
        )
        search_query = SearchQuery(query, search_type="websearch", config="swedish")
        return (
            queryset.annotate(document=vector, rank=SearchRank(vector, search_query))
            .filter(document=search_query)
            .order_by("-rank", "-published_at")
        )
    condition = Q()
    for word in query.split():
        condition &= Q(title__icontains=word) | Q(body__icontains=word)
    return queryset.filter(condition)
