"""How many clicks and fields the writer's everyday journey takes, counted in Chromium on a
laptop and on a phone (the figures README and docs/writing-and-moderating.md state).
Approving a comment is counted in ``test_browser_moderation``: one click in the queue, one
from the e-mail."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from posts.models import Post
from tests.browser_fixtures import Counted, log_in
from tests.factories import CategoryFactory, image_upload

pytestmark = pytest.mark.django_db(transaction=True)
expect = pytest.importorskip("playwright.sync_api").expect
WRITER_CLICKS = 17
WRITER_FIELDS = 12
TITLE = "Nya cykelvägar i Flemingsberg"


def png(name):
    upload = image_upload(name, size=(800, 450), fmt="PNG", color="#0b5394")
    return {"name": name, "mimeType": upload.content_type, "buffer": upload.read()}


def write_the_text(desk, page):
    """A heading, a two-item list, a link, an image with its alt text and a clip, each
    from the toolbar; the words themselves are typed."""
    body = page.locator("#id_body")
    desk.fill(body, "Vi bygger om.\n\n")
    body.press("End")
    desk.click(page.get_by_role("button", name="Rubrik"))
    page.keyboard.type("Det här händer\n\n")
    desk.click(page.get_by_role("button", name="Lista"))
    page.keyboard.type("Ny cykelbana\n")
    desk.click(page.get_by_role("button", name="Lista"))
    page.keyboard.type("Fler cykelställ\n\nLäs ")
    desk.click(page.get_by_role("button", name="Länk (Ctrl+K)"))
    desk.fill(page.get_by_role("textbox", name="Länkens adress (https://…):"),
              "https://huddinge.se/cykel")
    page.keyboard.press("Enter")
    body.press("End")
    desk.click(page.get_by_role("button", name="Bild", exact=True))
    dialog = page.locator(".image-dialog")
    desk.upload(dialog.locator("input[type=file]"), png("cykel.png"))
    desk.fill(dialog.get_by_label("Alt-text: vad visar bilden?"), "Den nya cykelbanan")
    desk.click(dialog.get_by_role("button", name="Infoga bilden"))
    expect(page.locator('.markdownx-preview img[alt="Den nya cykelbanan"]')).to_have_count(1)
    desk.click(page.get_by_role("button", name="Bädda in"))
    desk.fill(page.locator(".address-dialog input"), "https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    page.keyboard.press("Enter")


def add_press_links(desk, page):
    """An op-ed and a radio interview: the address and the title; outlet and kind follow."""
    links = [("https://www.svd.se/debatt/cykeln-ar-framtiden", "Cykeln är framtiden"),
             ("https://sverigesradio.se/artikel/cykelvagar-i-huddinge", "Intervju i P4")]
    for number, (url, title) in enumerate(links):
        desk.click("#press_links-group .add-row a")
        desk.fill(f"#id_press_links-{number}-url", url)
        desk.fill(f"#id_press_links-{number}-title", title)
    expect(page.locator("#id_press_links-0-outlet")).to_have_value("SvD")
    expect(page.locator("#id_press_links-1-kind")).to_have_value("radio")


@pytest.mark.parametrize("width", [1280, 375])
def test_writing_previewing_and_scheduling_a_full_post(open_context, editor_user, width):
    """The seed's kind of post: heading, list, link, image with alt text, a clip, two press
    links, a category, two tags, a featured image from the library; previewed in a new tab
    and back, then scheduled. Every click counts: each dialog, each file picker, closing
    the preview tab."""
    CategoryFactory(name="Trafik")
    page = open_context(viewport={"width": width, "height": 800}).new_page()
    log_in(page, "redaktor")
    desk = Counted(page)
    desk.click(page.locator("tr.model-post a.addlink"))
    desk.fill("#id_title", TITLE)
    write_the_text(desk, page)
    add_press_links(desk, page)
    desk.click(page.get_by_label("Trafik", exact=True))
    desk.fill("#id_tag_names", "Cykel, Flemingsberg")
    desk.click(page.get_by_role("button", name="Välj ur mediebiblioteket"))
    desk.click(page.locator(".library-dialog .library-item").first)
    expect(page.locator("#id_featured_image_alt")).to_have_value("Den nya cykelbanan")
    tomorrow = timezone.localtime() + timedelta(days=1)
    desk.fill("#id_published_at_0", tomorrow.strftime("%Y-%m-%d"))
    desk.fill("#id_published_at_1", "07:00:00")
    primary = page.locator(".publish-primary")
    expect(primary).to_have_text("Schemalägg")
    with page.expect_popup() as opened:
        desk.click(page.get_by_role("button", name="Förhandsgranska"))
    preview = opened.value
    expect(preview.locator("h1")).to_have_text(TITLE)
    assert preview.locator('.post-body img[alt="Den nya cykelbanan"]').count() == 1
    assert preview.locator(".post-body li").count() == 2
    desk.close(preview)
    expect(page.locator("#id_title")).to_have_value(TITLE)
    assert not Post.objects.exists()
    desk.click(primary)
    expect(page.locator(".messagelist")).to_contain_text("Inlägget visas på webbplatsen")
    post = Post.objects.get()
    assert post.is_scheduled and post.embeds.count() == 0 and "youtube.com" in post.body
    assert sorted(post.press_links.values_list("outlet", "kind")) == [
        ("SvD", "op-ed"), ("Sveriges Radio", "radio")]
    assert post.categories.count() == 1 and post.featured_image_alt == "Den nya cykelbanan"
    assert sorted(post.tags.values_list("name", flat=True)) == ["Cykel", "Flemingsberg"]
    assert re.search(r"<h2[^>]*>Det här händer</h2>", post.body_html)
    assert 'href="https://huddinge.se/cykel"' in post.body_html
    assert (desk.clicks, desk.fields) == (WRITER_CLICKS, WRITER_FIELDS)
