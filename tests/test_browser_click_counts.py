"""How many clicks and fields the writer's everyday journey takes, counted in Chromium
(the figures docs/writing-and-moderating.md states). Approving a comment is counted in
``test_browser_moderation``: one click in the queue, one from the e-mail."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from posts.models import Post
from tests.browser_fixtures import Counted, log_in
from tests.factories import CategoryFactory, image_upload

pytestmark = pytest.mark.django_db(transaction=True)
expect = pytest.importorskip("playwright.sync_api").expect
WRITER_CLICKS = 16
WRITER_FIELDS = 12
def png(name):
    upload = image_upload(name, size=(800, 450), fmt="PNG", color="#0b5394")
    return {"name": name, "mimeType": upload.content_type, "buffer": upload.read()}


def test_writing_scheduling_previewing_and_publishing_a_full_post(page, editor_user):
    """A post with a heading, a list, a link, an image (alt text asked), a clip, a press
    link, a category, tags and a featured image; scheduled, previewed, then published
    at once. The text is typed; the toolbar does what Markdown would need to be known for."""
    CategoryFactory(name="Trafik")
    log_in(page, "redaktor")
    desk = Counted(page)
    desk.click(page.locator("tr.model-post a.addlink"))
    desk.fill("#id_title", "Nya cykelvägar i Flemingsberg")
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
    desk.click("#press_links-group .add-row a")
    desk.choose("#id_press_links-0-kind", "op-ed")
    desk.fill("#id_press_links-0-outlet", "SvD Brännpunkt")
    desk.fill("#id_press_links-0-title", "Cykeln är framtiden")
    desk.fill("#id_press_links-0-url", "https://www.svd.se/cykel")
    desk.click(page.get_by_label("Trafik", exact=True))
    desk.fill("#id_tag_names", "Cykel, Flemingsberg")
    desk.upload("#id_featured_image", png("omslag.png"))
    desk.fill("#id_featured_image_alt", "Cyklister vid stationen")
    tomorrow = timezone.localtime() + timedelta(days=1)
    desk.fill("#id_published_at_0", tomorrow.strftime("%Y-%m-%d"))
    desk.fill("#id_published_at_1", "07:00:00")
    desk.click("button[value=schedule]")
    post = Post.objects.get()
    assert post.is_scheduled
    desk.click(page.get_by_role("link", name="Förhandsgranska det schemalagda inlägget"))
    expect(page.locator("h1")).to_have_text("Nya cykelvägar i Flemingsberg")
    assert page.locator('.post-body img[alt="Den nya cykelbanan"]').count() == 1
    assert page.locator(".post-body li").count() == 2
    page.go_back()
    desk.click("button[value=publish]")
    expect(page.get_by_role("link", name="Visa inlägget")).to_be_visible()
    post.refresh_from_db()
    assert post.is_public and post.embeds.count() == 0 and "youtube.com" in post.body
    assert post.press_links.count() == 1 and post.categories.count() == 1
    assert sorted(post.tags.values_list("name", flat=True)) == ["Cykel", "Flemingsberg"]
    assert re.search(r"<h2[^>]*>Det här händer</h2>", post.body_html)
    assert 'href="https://huddinge.se/cykel"' in post.body_html
    assert (desk.clicks, desk.fields) == (WRITER_CLICKS, WRITER_FIELDS)
