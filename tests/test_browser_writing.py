"""The writing room in a browser: the preview of unsaved changes opens in a new tab
and touches nothing, and signed-in staff see *Redigera* on the public site while no
page anyone else gets holds it."""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from tests.browser_fixtures import log_in
from tests.factories import CommentFactory, PageFactory, PostFactory, image_upload
from tests.test_front_cache import get, needs_varnish, settled

pytestmark = pytest.mark.django_db(transaction=True)


def test_preview_of_unsaved_changes_opens_a_tab_and_changes_nothing(page, editor_user):
    post = PostFactory(title="Budgeten för 2027", body="Första versionen.")
    log_in(page, "redaktor")
    page.goto(f"/admin/posts/post/{post.pk}/change/")
    page.fill("#id_title", "Budgeten för 2027, ändrad")
    page.fill("#id_body", "Andra versionen, inte sparad.")
    with page.expect_popup() as opened:
        page.get_by_role("button", name="Förhandsgranska").click()
    preview = opened.value
    expect(preview.locator("h1")).to_have_text("Budgeten för 2027, ändrad")
    expect(preview.locator(".preview-notice")).to_contain_text("inte sparat")
    expect(page.locator("#id_title")).to_have_value("Budgeten för 2027, ändrad")
    expect(page.locator("#id_body")).to_have_value("Andra versionen, inte sparad.")
    public = Client().get(post.get_absolute_url()).content.decode()
    assert "<h1>Budgeten för 2027</h1>" in public and "Andra versionen" not in public


def test_staff_see_redigera_and_nobody_else_gets_it(open_context, editor_user):
    post = PostFactory(title="Om cykelvägar")
    about = PageFactory(title="Om mig", slug="om-mig")
    reader = open_context().new_page()
    reader.goto(post.get_absolute_url())
    assert "Redigera" not in reader.content()
    writer = open_context().new_page()
    log_in(writer, "redaktor")
    writer.goto(post.get_absolute_url())
    link = writer.get_by_role("link", name="Redigera")
    expect(link).to_have_attribute("href", f"/admin/posts/post/{post.pk}/change/")
    writer.goto(about.get_absolute_url())
    expect(writer.get_by_role("link", name="Redigera")).to_have_attribute(
        "href", f"/admin/pages/page/{about.pk}/change/")
    reader.goto(post.get_absolute_url())
    assert "Redigera" not in reader.content()
    for path in (post.get_absolute_url(), about.get_absolute_url()):
        html = Client().get(path).content.decode()
        assert "Redigera" not in html and "/admin/" not in html
    writer.goto("/admin/")
    writer.get_by_role("button", name="Logga ut").click()
    writer.wait_for_url(re.compile(r"/admin/logout/$"))
    writer.goto(post.get_absolute_url())
    expect(writer.locator(".edit-link")).to_have_count(0)
    assert not re.search(r"huddinge_edit", writer.evaluate("() => document.cookie"))


@needs_varnish
def test_redigera_through_varnish_comes_from_the_cookie_never_from_the_stored_page(browser,
                                                                                  node):
    """Staff and readers get the one copy Varnish keeps; only a browser holding the staff
    cookie draws the link into it."""
    post = PostFactory(title="Om cykelvägar")
    settled()
    address = node.url(post.get_absolute_url())
    reader = browser.new_context().new_page()
    reader.goto(address)
    writer_context = browser.new_context()
    writer_context.add_cookies([{"name": "huddinge_edit", "value": "/admin/",
                                 "url": node.url("/")}])
    writer = writer_context.new_page()
    writer.goto(address)
    expect(writer.get_by_role("link", name="Redigera")).to_have_attribute(
        "href", f"/admin/posts/post/{post.pk}/change/")
    reader.reload()
    expect(reader.locator(".edit-link")).to_have_count(0)
    headers, html = get(address)
    assert headers["X-Cache"] == "hit"
    assert "Redigera" not in html and "/admin/" not in html
    for context in (reader.context, writer_context):
        context.close()


def test_the_same_image_uploaded_twice_is_stored_once(page, editor_user):
    from posts.models import UploadedImage

    picture = {"name": "torget.png", "mimeType": "image/png",
               "buffer": image_upload("torget.png", fmt="PNG").read()}
    log_in(page, "redaktor")
    page.goto("/admin/posts/post/add/")
    dialog = page.locator(".image-dialog")
    for alt in ("Torget", "Torget igen"):
        page.get_by_role("button", name="Bild", exact=True).click()
        dialog.locator("input[type=file]").set_input_files(picture)
        dialog.get_by_label("Alt-text: vad visar bilden?").fill(alt)
        dialog.get_by_role("button", name="Infoga bilden").click()
        expect(dialog).to_be_hidden()
    body = page.locator("#id_body").input_value()
    addresses = re.findall(r"\]\((/media/[^)]+)\)", body)
    assert len(addresses) == 2 and addresses[0] == addresses[1]
    assert UploadedImage.objects.count() == 1


def test_file_fields_speak_swedish_and_name_the_chosen_file(page, editor_user):
    log_in(page, "redaktor")
    page.goto("/admin/posts/post/add/")
    field = page.locator(".file-choice").filter(has=page.locator("#id_featured_image"))
    expect(field.get_by_role("button", name="Välj en fil…")).to_be_visible()
    expect(field.locator(".file-choice-name")).to_have_text("Ingen fil vald")
    with page.expect_file_chooser() as chooser:
        field.get_by_role("button", name="Välj en fil…").click()
    chooser.value.set_files({"name": "omslag.png", "mimeType": "image/png",
                             "buffer": image_upload("omslag.png", fmt="PNG").read()})
    expect(field.locator(".file-choice-name")).to_have_text("omslag.png")
    page.get_by_role("button", name="Bild", exact=True).click()
    dialog = page.locator(".image-dialog")
    expect(dialog.get_by_role("button", name="Välj en fil…")).to_be_visible()
    assert "Choose File" not in page.content() and "No file chosen" not in page.content()


def test_the_publishing_buttons_stay_in_sight_on_a_laptop(open_context, editor_user):
    page = open_context(viewport={"width": 1280, "height": 800}).new_page()
    log_in(page, "redaktor")
    page.goto("/admin/posts/post/add/")
    button = page.get_by_role("button", name="Publicera", exact=True)
    box = button.bounding_box()
    assert box and box["y"] >= 0 and box["y"] + box["height"] <= 800, box


def test_the_held_count_in_the_menu_updates_without_a_reload(page, moderator_user, settings):
    settings.HELD_COUNT_SECONDS = 1
    log_in(page, "moderator")
    menu = page.locator("#content-main th a[href='/admin/comments/comment/']")
    expect(menu).to_have_text("Kommentarer")
    CommentFactory(status="pending", body="Väntar på granskning.")
    expect(menu).to_have_text("Kommentarer (1 väntar)", timeout=10_000)
