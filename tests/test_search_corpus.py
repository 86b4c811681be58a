"""Search that forgives: Swedish queries and the posts each must find.

The corpus is what readers type: without the Swedish letters, in capitals, with a
letter missing or swapped, several words. It runs on SQLite and on PostgreSQL.
"""

import re

import pytest

from tests.factories import DraftFactory, PostFactory
from tests.test_search import results

pytestmark = pytest.mark.django_db

POSTS = {
    "sjodalen": ("Promenad i Sjödalen", "Sjödalen är Huddinges gröna hjärta."),
    "cykel": ("Nya cykelvägar", "Kommunen bygger cykelvägen från Flemingsberg till Huddinge C."),
    "skola": ("Förskolor i Stuvsta", "Två nya förskolor öppnar i höst."),
    "budget": ("Budgeten för 2027", "Skattesatsen ligger kvar och äldreomsorgen får mer."),
    "orlangen": ("Badplatser vid Orlången", "Vattnet i Orlången är klart för badsäsongen."),
}

CORPUS = [
    ("sjodalen", {"sjodalen"}),
    ("SJÖDALEN", {"sjodalen"}),
    ("Sjödalen", {"sjodalen"}),
    ("orlangen", {"orlangen"}),
    ("forskolor", {"skola"}),
    ("cykelvägn", {"cykel"}),
    ("cykelvagen", {"cykel"}),
    ("cykevägen", {"cykel"}),
    ("budgetn", {"budget"}),
    ("aldreomsorgen", {"budget"}),
    ("flemingsberg", {"cykel"}),
    ("huddinge", {"sjodalen", "cykel"}),
    ("förskolor stuvsta", {"skola"}),
    ("badsasongen", {"orlangen"}),
]


@pytest.fixture
def corpus():
    for title, body in POSTS.values():
        PostFactory(title=title, body=body)
    DraftFactory(title="Hemligt utkast", body="Cykelvägnätet ska byggas om.")


def found(client, query):
    html = results(client, query)
    return {key for key, (title, _) in POSTS.items() if title in html}


@pytest.mark.parametrize(("query", "expected"), CORPUS)
def test_each_query_finds_what_a_reader_means(client, corpus, query, expected):
    assert found(client, query) == expected


def test_the_results_page_has_the_field_the_count_and_marked_words(client, corpus):
    html = client.get("/", {"s": "sjodalen"}).content.decode()
    assert 'id="search-top" type="search" name="s" value="sjodalen"' in html
    assert html.index('id="search-top"') < html.index("Promenad i")
    assert "1 träff" in html
    assert "<mark>Sjödalen</mark> är Huddinges gröna hjärta." in html


def test_a_corrected_search_says_which_words_it_searched_for(client, corpus):
    html = client.get("/", {"s": "cykelvägn"}).content.decode()
    assert re.search(r"Visar träffar för ”cykelväg(en|ar)”", html)
    assert "Nya <mark>cykelvägar</mark>" in html


def test_a_draft_word_is_never_suggested(client, corpus):
    html = client.get("/", {"s": "cykelvägnätt"}).content.decode()
    assert "cykelvägnätet" not in html.lower()
    assert "Hemligt" not in html


def test_nonsense_finds_nothing_and_says_so(client, corpus):
    html = client.get("/", {"s": "xqzwv"}).content.decode()
    assert "0 träffar" in html and "Inget matchade din sökning" in html


def test_an_edited_post_teaches_the_vocabulary_its_new_words(client):
    post = PostFactory(title="Om parker", body="Text.")
    post.body = "Nu handlar det om badplatserna."
    post.save()
    assert "Om parker" in client.get("/", {"s": "badplatsrena"}).content.decode()


def test_the_marked_excerpt_escapes_the_post_text(client):
    PostFactory(title="Om <b>taggar</b>", body="Skriv `<script>alert(1)</script>` om taggar.")
    html = client.get("/", {"s": "taggar"}).content.decode()
    assert "<script>alert(1)" not in html
    assert "<mark>taggar</mark>" in html
