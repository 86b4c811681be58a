"""Search at /?s= over published posts."""

import pytest
from django.db import connection

from tests.factories import DraftFactory, PostFactory

pytestmark = pytest.mark.django_db


def results(client, query):
    """The results page as a reader reads it: marked words are words."""
    html = client.get("/", {"s": query}).content.decode()
    return html.replace("<mark>", "").replace("</mark>", "")


def test_search_finds_words_in_title_and_body(client):
    PostFactory(title="Nya förskolor", body="Flemingsberg får två nya förskolor.")
    PostFactory(title="Cykelvägar", body="Sjödalen får en cykelväg.")
    html = results(client, "förskolor")
    assert "Sökresultat för ”förskolor”" in html
    assert "Nya förskolor" in html and "Cykelvägar" not in html
    assert '<meta name="robots" content="noindex">' in html


@pytest.mark.parametrize("query", ["SJÖDALEN", "ORLÅNGEN", "KOMMUNFULLMÄKTIGE", "sjödalen"])
def test_upper_and_lower_case_swedish_letters_find_each_other(client, query):
    PostFactory(title="Kommunfullmäktige om Sjödalen", body="Promenad runt Orlången.")
    PostFactory(title="Något annat")
    html = results(client, query)
    assert "Kommunfullmäktige om Sjödalen" in html and "Något annat" not in html


def test_all_words_must_match(client):
    PostFactory(title="Budget för skola")
    PostFactory(title="Budget för vägar")
    html = results(client, "budget skola")
    assert "Budget för skola" in html and "Budget för vägar" not in html


def test_no_hits_and_drafts_are_never_found(client):
    DraftFactory(title="Hemlig förskoleplan")
    html = results(client, "förskoleplan")
    assert "Hemlig" not in html
    assert "Inget matchade din sökning" in html


def test_empty_and_hostile_queries_do_not_fail(client):
    for query in ["", "   ", "' OR 1=1 --", "<script>alert(1)</script>", "a" * 5000, "&|!():*"]:
        response = client.get("/", {"s": query})
        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search needs PostgreSQL")
def test_postgresql_search_uses_swedish_stemming_and_ranks_titles_higher(client):
    PostFactory(title="Om parker", body="Här står det om skolor i förbigående.")
    PostFactory(title="Skolorna i Huddinge", body="Text.")
    html = results(client, "skola")
    assert html.index("Skolorna i Huddinge") < html.index("Om parker")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search needs PostgreSQL")
def test_an_edited_post_is_found_by_its_new_words(client):
    post = PostFactory(title="Om parker", body="Text.")
    post.body = "Nu handlar det om badplatser."
    post.save()
    html = results(client, "badplatser")
    assert "Om parker" in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search needs PostgreSQL")
def test_postgresql_search_documents_have_a_gin_index():
    from django.contrib.postgres.search import SearchQuery

    from posts.models import Post

    PostFactory.create_batch(3)
    matching = Post.objects.filter(search_document=SearchQuery("skola", config="swedish"))
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        plan = matching.explain()
        cursor.execute("SET enable_seqscan = on")
    assert "posts_post_search_document_gin" in plan
