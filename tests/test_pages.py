"""Standing pages ("Om mig"): their address, the menu, previews, the sitemap and the cache."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from pages.models import Page
from tests.factories import PageFactory, PostFactory

pytestmark = pytest.mark.django_db


def menu(html):
    return html.split('aria-label="Huvudmeny"', 1)[1].split("</nav>", 1)[0]


def test_a_published_page_lives_at_its_slug(client):
    page = PageFactory(title="Om mig", slug="om-mig", body="Jag heter **Anna**.")
    response = client.get("/om-mig/")
    html = response.content.decode()
    assert page.get_absolute_url() == "/om-mig/"
    assert "<h1>Om mig</h1>" in html and "<strong>Anna</strong>" in html


def test_published_pages_appear_in_the_menu_in_their_order(client):
    PageFactory(title="Kontakt", menu_order=2)
    PageFactory(title="Om mig", menu_order=1)
    PageFactory(title="Gömd", show_in_menu=False)
    PageFactory(title="Utkastsida", status=Page.Status.DRAFT)
    nav = menu(client.get("/").content.decode())
    assert nav.index("Om mig") < nav.index("Kontakt")
    assert "Gömd" not in nav and "Utkastsida" not in nav


def test_a_page_left_out_of_the_menu_is_still_reachable(client):
    page = PageFactory(title="Gömd", show_in_menu=False)
    assert client.get(page.get_absolute_url()).status_code == 200


def test_a_draft_page_is_hidden_from_visitors_and_a_marked_preview_for_staff(client,
                                                                              staff_client):
    page = PageFactory(title="Kommer snart", status=Page.Status.DRAFT)
    assert Client().get(page.get_absolute_url()).status_code == 404
    response = staff_client.get(page.get_absolute_url())
    assert "är ett utkast" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("slug", ["press", "feed", "2024", "health", "admin"])
def test_a_slug_the_site_already_uses_is_refused(slug):
    page = Page(title="Krock", slug=slug)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "används redan" in str(error.value)


def test_markdown_on_a_page_is_sanitized():
    page = PageFactory(body='<script>alert(1)</script>[x](javascript:alert(1))')
    assert "<script" not in page.body_html and "javascript:" not in page.body_html


def test_sitemap_lists_published_pages_only(client):
    PageFactory(slug="om-mig")
    PageFactory(slug="hemlig", status=Page.Status.DRAFT)
    xml = client.get("/sitemap.xml").content.decode()
    assert "/om-mig/</loc>" in xml and "hemlig" not in xml


def test_publishing_a_page_updates_the_menu_on_cached_pages_at_once(other_worker):
    post = PostFactory()
    about = PageFactory(title="Om mig")
    page = PageFactory(title="Kontakt", slug="kontakt", status=Page.Status.DRAFT)
    urls = ["/", post.get_absolute_url(), about.get_absolute_url(), "/feed/"]
    for url in urls:
        assert Client().get(url)["X-Page-Cache"] == "miss"
        assert Client().get(url)["X-Page-Cache"] == "hit"
    page.status = Page.Status.PUBLISHED
    page.save()
    for url in urls[:3]:
        assert "Kontakt" in menu(Client().get(url).content.decode()), url
    assert Client().get("/kontakt/")["X-Page-Cache"] == "miss"
    page.status = Page.Status.DRAFT
    page.save()
    for url in urls[:3]:
        assert "Kontakt" not in menu(Client().get(url).content.decode()), url
    assert Client().get("/kontakt/").status_code == 404


def test_a_renamed_page_leaves_its_old_cached_address(other_worker):
    page = PageFactory(title="Om mig", slug="om-mig")
    Client().get("/om-mig/")
    assert Client().get("/om-mig/")["X-Page-Cache"] == "hit"
    page.slug = "om-anna"
    page.save()
    assert Client().get("/om-mig/").status_code == 404
    assert Client().get("/om-anna/").status_code == 200


def test_editors_write_pages_in_the_admin_and_moderators_cannot(client, editor, moderator):
    client.force_login(editor)
    response = client.post("/admin/pages/page/add/", {
        "title": "Om mig", "slug": "om-mig", "body": "Text.", "status": "published",
        "show_in_menu": "on", "menu_order": "0",
    })
    assert response.status_code == 302
    assert Page.objects.get().is_public
    client.force_login(moderator)
    assert client.get("/admin/pages/page/add/").status_code == 403


def test_the_admin_refuses_a_slug_in_use_and_keeps_the_text(client, editor):
    client.force_login(editor)
    response = client.post("/admin/pages/page/add/", {
        "title": "I media", "slug": "press", "body": "Min långa text.", "status": "published",
        "menu_order": "0",
    })
    html = response.content.decode()
    assert response.status_code == 200
    assert "Adressen /press/ används redan" in html and "Min långa text." in html
    assert not Page.objects.exists()
