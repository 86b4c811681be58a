"""WordPress pages become standing pages: addresses, hierarchy, redirects, idempotency."""

from datetime import UTC, datetime

import pytest

from pages.models import Page
from tests.factories import PageFactory
from tests.html_safety import dangers
from tests.wxr_files import FIXTURES, needs_fixtures, run, write
from wordpress_import import generate

pytestmark = pytest.mark.django_db


def page_item(wp_id, title, slug, link, status="publish", menu_order=0, extra=""):
    item = generate.item(wp_id, title, f"Text på sidan {title}.\n\nAndra stycket.",
                         datetime(2019, 3, 1, 9, tzinfo=UTC), status=status, extra=extra)
    return (item.replace("<wp:post_type>post</wp:post_type>",
                         f"<wp:post_type>page</wp:post_type>\n<wp:menu_order>{menu_order}"
                         "</wp:menu_order>")
            .replace(f"<wp:post_name>inlagg-{wp_id}</wp:post_name>",
                     f"<wp:post_name>{slug}</wp:post_name>")
            .replace(f"<link>https://gammal.example.se/?p={wp_id}</link>", f"<link>{link}</link>"))


def test_pages_keep_slug_menu_order_and_paragraphs(client, tmp_path):
    items = (page_item(10, "Om mig", "om-mig", "https://gammal.example.se/om-mig/", menu_order=2)
             + page_item(11, "Kontakt", "kontakt", "https://gammal.example.se/kontakt/",
                         menu_order=1))
    report = run(write(tmp_path, items))
    assert "pages: 2 created" in report
    about = Page.objects.get(slug="om-mig")
    assert (about.title, about.wordpress_id, about.menu_order, about.old_path) == (
        "Om mig", 10, 2, "")
    assert "<p>Text på sidan Om mig.</p>" in about.body_html
    nav = client.get("/").content.decode().split('aria-label="Huvudmeny"')[1].split("</nav>")[0]
    assert nav.index("Kontakt") < nav.index("Om mig")
    assert client.get("/om-mig/").status_code == 200


def test_old_page_addresses_redirect(client, tmp_path):
    run(write(tmp_path, page_item(12, "Uppdrag", "uppdrag",
                                  "https://gammal.example.se/om-mig/uppdrag/")))
    page = Page.objects.get()
    assert page.get_absolute_url() == "/uppdrag/"
    for old in ("/om-mig/uppdrag/", "/?page_id=12", "/?p=12"):
        response = client.get(old)
        assert response.status_code == 301 and response["Location"] == "/uppdrag/", old


def test_draft_pages_stay_hidden_and_do_not_redirect(client, tmp_path):
    run(write(tmp_path, page_item(13, "Utkast", "utkast", "https://gammal.example.se/?page_id=13",
                                  status="draft")))
    assert Page.objects.get().status == "draft"
    assert client.get("/utkast/").status_code == 404
    assert client.get("/?page_id=13").status_code == 200


def test_a_slug_the_site_uses_or_another_page_has_gets_a_suffix(tmp_path):
    PageFactory(slug="kontakt")
    items = (page_item(14, "I media", "press", "https://gammal.example.se/press/")
             + page_item(15, "Kontakt", "kontakt", "https://gammal.example.se/kontakt/"))
    report = run(write(tmp_path, items))
    assert Page.objects.get(wordpress_id=14).slug == "press-sida"
    assert Page.objects.get(wordpress_id=15).slug == "kontakt-sida"
    assert "address /press/ is taken; using /press-sida/" in report


def test_running_twice_changes_nothing_and_an_edit_updates(tmp_path):
    path = write(tmp_path, page_item(16, "Om mig", "om-mig", "https://gammal.example.se/om-mig/"))
    run(path)
    assert "pages: 1 unchanged" in run(path)
    path.write_text(path.read_text().replace("<title>Om mig</title>",
                                             "<title>Om mig, Anna</title>"))
    assert "pages: 1 updated" in run(path)
    assert Page.objects.get().title == "Om mig, Anna"


@needs_fixtures
def test_theme_unit_test_pages_import_flat_and_safe(client):
    report = run(FIXTURES / "theme-unit-test-data.xml")
    assert "pages: 21 created" in report
    assert Page.objects.count() == 21
    for page in Page.objects.all():
        assert dangers(page.body_html) == [], page.title
    child = Page.objects.exclude(old_path="").first()
    assert child is not None
    response = client.get(child.old_path)
    assert response.status_code == 301 and response["Location"] == child.get_absolute_url()
