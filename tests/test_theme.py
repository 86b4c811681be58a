"""The theme: the owner's accent colour (contrast checked, light and dark), and pages
that read well: archive headings with counts, the press page as cards, a 404 that
offers a way on, the about page with the portrait and a footer that links its pages."""

import base64
import hashlib
import re

import pytest
from django.test import Client

from core import theme
from core.models import SiteIdentity
from tests.factories import (
    CategoryFactory,
    PageFactory,
    PostFactory,
    PressLinkFactory,
    TagFactory,
    image_upload,
)
from tests.test_site_identity import FORM, identity_form

pytestmark = pytest.mark.django_db


def get(path):
    return Client().get(path)


def inline_stylesheet(html):
    return re.search(r"<style>(.*?)</style>", html, re.S).group(1)


def style_hash(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def change_identity(editor_client, **fields):
    change = editor_client.get(FORM, follow=True).redirect_chain[-1][0]
    return editor_client.post(change, identity_form(**fields))


def test_the_owner_sets_the_accent_and_every_page_uses_it_within_its_policy(editor_client):
    PostFactory(title="Ett inlägg")
    form = editor_client.get(editor_client.get(FORM, follow=True).redirect_chain[-1][0])
    assert 'type="color" name="accent" value="#0b5394"' in form.content.decode()
    assert change_identity(editor_client, accent="#7a1f5c").status_code == 302
    response = get("/")
    style = inline_stylesheet(response.content.decode())
    assert style.startswith(":root{--accent-light:#7a1f5c;--accent-dark:#")
    assert style_hash(style) in response["Content-Security-Policy"]


@pytest.mark.parametrize(("colour", "message"), [
    ("#ffcc00", "Färgen har kontrasten 1,3:1 mot sidan; text i den behöver minst 4,5:1 (WCAG AA)"),
    ("#8ab8e6", "Färgen har kontrasten 1,9:1 mot sidan"),
    ("blå", "Skriv färgen som # och sex hexadecimala siffror"),
])
def test_a_colour_that_cannot_be_read_is_refused_with_a_swedish_message(editor_client, colour,
                                                                      message):
    response = change_identity(editor_client, accent=colour)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SiteIdentity.objects.filter(accent=colour).exists()


@pytest.mark.parametrize("accent",
                         [theme.DEFAULT_ACCENT, "#7a1f5c", "#1d6b34", "#000000", "#b3261e"])
def test_the_dark_shade_of_any_accepted_accent_reads_on_the_dark_background(accent):
    theme.validate_accent(accent)
    dark = theme.on_dark(accent)
    assert theme.contrast(dark, theme.DARK_BACKGROUND) >= theme.AA_TEXT
    assert theme.contrast(accent, theme.LIGHT_BACKGROUND) >= theme.AA_TEXT


def test_archives_say_what_they_are_and_how_many_posts_they_hold():
    category, tag = CategoryFactory(name="Miljö"), TagFactory(name="Sjödalen")
    posts = PostFactory.create_batch(3)
    for post in posts:
        post.categories.add(category)
    posts[0].tags.add(tag)
    html = get(category.get_absolute_url()).content.decode()
    assert '<span class="archive-kind">Kategori</span>' in html
    assert '<h1 class="archive-title">Miljö</h1>' in html and "3 inlägg" in html
    html = get(tag.get_absolute_url()).content.decode()
    assert '<span class="archive-kind">Etikett</span>' in html and "1 inlägg" in html
    day = posts[0].local_date
    html = get(f"/{day:%Y}/{day:%m}/").content.decode()
    assert '<span class="archive-kind">Månad</span>' in html


def test_the_press_page_is_a_list_of_cards_with_outlet_kind_date_and_title():
    post = PostFactory(title="Om budgeten")
    PressLinkFactory(post=post, outlet="SvD Brännpunkt", title="Regionen måste satsa",
                     kind="op-ed")
    html = get("/press/").content.decode()
    card = re.search(r'<li class="press-card">(.*?)</li>', html, re.S).group(1)
    assert "<span>SvD Brännpunkt</span><span>Debattartikel</span><time" in card
    assert 'class="press-card-title"' in card and "Regionen måste satsa" in card
    assert f'Om: <a href="{post.get_absolute_url()}">Om budgeten</a>' in card
    assert "1 medverkan i tidningar, radio och tv" in html


def test_the_404_page_offers_search_and_the_latest_posts():
    PostFactory(title="Senaste nytt")
    response = get("/finns-inte/")
    html = response.content.decode()
    assert response.status_code == 404
    assert 'type="search" name="s"' in html and "Senaste inläggen" in html
    assert "Senaste nytt" in html


def test_the_about_page_shows_the_portrait_name_and_title():
    identity = SiteIdentity(site_name="Annas blogg", person_name="Anna Andersson",
                            role="Kommunalråd (S)")
    identity.portrait.save("anna.jpg", image_upload("anna.jpg", size=(400, 400)), save=False)
    identity.save()
    about = PageFactory(title="Om mig", slug="om-mig", show_portrait=True)
    other = PageFactory(title="Kontakt", slug="kontakt")
    html = get(about.get_absolute_url()).content.decode()
    assert '<figure class="page-portrait">' in html
    assert "<strong>Anna Andersson</strong><br>Kommunalråd (S)" in html
    assert "<figure class=\"page-portrait\">" not in get(other.get_absolute_url()).content.decode()


def test_a_footer_text_that_names_a_page_links_it_and_stays_escaped():
    SiteIdentity.objects.create(site_name="Annas blogg",
                                footer_text="<b>Anna</b>. Kontakta mig via sidan Kontakt. Kontakt!")
    page = PageFactory(title="Kontakt", slug="kontakt")
    html = get("/").content.decode()
    footer = html[html.index('<footer class="site-footer">'):]
    assert (f'&lt;b&gt;Anna&lt;/b&gt;. Kontakta mig via sidan <a href="{page.get_absolute_url()}">'
            "Kontakt</a>. Kontakt!") in footer
