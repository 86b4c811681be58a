"""The editor, a visitor and the moderator, each in a real Chromium."""

import base64
import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from comments.models import Comment
from posts.models import Post
from tests.browser_fixtures import log_in
from tests.factories import EmbedFactory, PostFactory, PressLinkFactory, image_upload

pytestmark = pytest.mark.django_db(transaction=True)
expect = pytest.importorskip("playwright.sync_api").expect


def png_base64():
    upload = image_upload("bild.png", size=(640, 360), fmt="PNG", color="#0b5394")
    return base64.b64encode(upload.read()).decode()


DROP_IMAGE = """([selector, data]) => {
    const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], "bild.png", {type: "image/png"}));
    document.querySelector(selector).dispatchEvent(
        new DragEvent("drop", {dataTransfer: transfer, bubbles: true, cancelable: true}));
}"""


def test_editor_writes_previews_uploads_schedules_and_publishes(page, editor_user):
    problems = []
    page.on("console", lambda message: problems.append(message.text)
            if "Content Security Policy" in message.text else None)
    log_in(page, "redaktor")
    page.goto("/admin/posts/post/add/")
    page.fill("#id_title", "Nya cykelvägar i Flemingsberg")
    page.fill("#id_body", "## Bättre cykling\n\nLäs [planen](https://huddinge.se/cykel).\n\n")
    preview = page.locator(".markdownx-preview")
    preview.locator("h2", has_text="Bättre cykling").wait_for()
    assert preview.locator('a[href="https://huddinge.se/cykel"]').count() == 1
    page.evaluate(DROP_IMAGE, ["#id_body", png_base64()])
    dialog = page.locator(".image-dialog")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Infoga bilden").click()
    expect(dialog.get_by_role("alert")).to_contain_text("Beskriv bilden")
    dialog.get_by_label("Alt-text: vad visar bilden?").fill("Blå cykelbana")
    dialog.get_by_role("button", name="Infoga bilden").click()
    expect(page.locator("#id_body")).to_have_value(
        re.compile(r"!\[Blå cykelbana\]\(/media/uploads/"))
    expect(preview.locator('img[alt="Blå cykelbana"]')).to_have_count(1)
    page.get_by_role("button", name="Bild", exact=True).click()
    dialog.get_by_role("button", name="Blå cykelbana").click()
    expect(dialog.get_by_label("Alt-text: vad visar bilden?")).to_have_value("Blå cykelbana")
    dialog.get_by_role("button", name="Infoga bilden").click()
    expect(preview.locator('img[alt="Blå cykelbana"]')).to_have_count(2)
    page.fill("#id_tag_names", "Cykel, Flemingsberg")
    page.click("#press_links-group .add-row a")
    page.fill("#id_press_links-0-url", "https://www.svd.se/cykel")
    page.select_option("#id_press_links-0-kind", "op-ed")
    page.fill("#id_press_links-0-outlet", "SvD Brännpunkt")
    page.fill("#id_press_links-0-title", "Cykeln är framtiden")
    page.click("#embeds-group .add-row a")
    page.fill("#id_embeds-0-url", "https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    page.fill("#id_embeds-0-caption", "Debatten")
    tomorrow = timezone.localtime() + timedelta(days=1)
    page.fill("#id_published_at_0", tomorrow.strftime("%Y-%m-%d"))
    page.fill("#id_published_at_1", "10:00:00")
    page.get_by_role("button", name="Schemalägg").click()
    page.locator(".messagelist .success").wait_for()
    post = Post.objects.get(title="Nya cykelvägar i Flemingsberg")
    assert post.is_scheduled and post.press_links.count() == 1 and post.embeds.count() == 1
    assert post.press_links.get().outlet == "SvD Brännpunkt"
    assert sorted(post.tags.values_list("name", flat=True)) == ["Cykel", "Flemingsberg"]
    assert post.body_html.count('alt="Blå cykelbana"') == 2
    assert "Nya cykelvägar" not in page.context.new_page().goto("/").text()
    yesterday = timezone.localtime() - timedelta(days=1)
    page.fill("#id_published_at_0", yesterday.strftime("%Y-%m-%d"))
    page.get_by_role("button", name="Uppdatera").click()
    page.locator(".messagelist .success").wait_for()
    home = page.context.new_page()
    home.goto("/")
    assert home.locator("h2 a", has_text="Nya cykelvägar i Flemingsberg").count() == 1
    assert problems == []


@pytest.fixture
def published_post(db):
    post = PostFactory(title="Budgeten", published_at=timezone.now() - timedelta(hours=2))
    PressLinkFactory(post=post, outlet="SvD Brännpunkt", title="Min debattartikel")
    EmbedFactory(post=post, caption="Debatten i fullmäktige")
    return post


def test_visitor_reads_plays_the_clip_and_comments(open_context, published_post, instant_forms):
    context = open_context()
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(published_post.get_absolute_url())
    with translation.override("sv"):
        expected = date_format(timezone.localtime(published_post.published_at), "l j b Y")
    assert page.locator("article.post .post-date").text_content() == expected
    assert page.locator(".press-links", has_text="Min debattartikel").count() == 1
    assert not any("youtube" in url for url in requests)
    page.click(".embed-play")
    frame = page.locator(".embed iframe")
    frame.wait_for()
    assert frame.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/")
    page.fill("#id_body", "Bra att ni satsar på cykel!")
    page.fill("#id_author_name", "Karin")
    page.fill("#id_author_email", "karin@example.se")
    page.check("#id_remember")
    page.click("button:has-text('Skicka kommentar')")
    page.get_by_text("Din kommentar väntar på granskning.").wait_for()
    again = context.new_page()
    again.goto(published_post.get_absolute_url())
    assert again.input_value("#id_author_name") == "Karin"
    assert again.input_value("#id_author_email") == "karin@example.se"
    stranger = open_context().new_page()
    stranger.goto(published_post.get_absolute_url())
    assert stranger.get_by_text("Bra att ni satsar på cykel!").count() == 0


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_mistake_keeps_the_text_and_says_what_is_wrong(open_context, published_post,
                                                         instant_forms, javascript):
    page = open_context(java_script_enabled=javascript).new_page()
    page.goto(published_post.get_absolute_url())
    page.fill("#id_body", "En lång och genomtänkt kommentar.")
    page.fill("#id_author_name", "Olle")
    page.click("button:has-text('Skicka kommentar')")
    error = page.locator(".comment-form-author_email .field-error")
    error.wait_for()
    assert error.text_content() == "Fyll i din e-postadress."
    assert page.input_value("#id_body") == "En lång och genomtänkt kommentar."
    assert page.title().startswith("Fel: ")
    expect(page.locator("#comment-errors")).to_be_focused()
    expect(page.locator("#comment-errors")).to_be_in_viewport()
    page.context.new_page().goto(page.url.split("#")[0])
    assert page.context.pages[-1].locator("#respond").count() == 1
    page.fill("#id_author_email", "olle@example.se")
    page.click("button:has-text('Skicka kommentar')")
    page.get_by_text("Din kommentar väntar på granskning.").wait_for()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_reply_with_a_mistake_keeps_its_place_under_the_comment(
        open_context, published_post, instant_forms, javascript):
    parent = Comment.objects.create(post=published_post, author_name="Karin", body="Första.",
                                    author_email="karin@example.se", status="approved",
                                    submitted_at=timezone.now())
    page = open_context(java_script_enabled=javascript).new_page()
    page.goto(published_post.get_absolute_url())
    page.click(f"#comment-{parent.pk} .comment-reply-link")
    page.fill("#id_body", "Ett svar utan namn.")
    page.click("button:has-text('Skicka kommentar')")
    page.locator("#comment-errors").wait_for()
    assert page.locator(f"#comment-{parent.pk} #respond").count() == 1
    assert page.input_value("#id_parent") == str(parent.pk)


def test_moderator_approves_and_replies_nested(open_context, published_post, moderator_user,
                                               instant_forms):
    Comment.objects.create(post=published_post, author_name="Karin",
                           author_email="karin@example.se", body="Vad kostar det?",
                           status="pending", submitted_at=timezone.now())
    visitor = open_context().new_page()
    visitor.goto(published_post.get_absolute_url())
    assert visitor.get_by_text("Vad kostar det?").count() == 0
    admin = open_context().new_page()
    log_in(admin, "moderator")
    assert admin.get_by_text("1 kommentar väntar på granskning").count() == 1
    admin.goto("/admin/comments/comment/")
    admin.check("input[name=_selected_action]")
    admin.select_option("select[name=action]", "mark_approved")
    admin.click("button[name=index]")
    admin.locator(".messagelist .success").wait_for()
    visitor.reload()
    assert visitor.get_by_text("1 svar på ”Budgeten”").count() == 1
    admin.goto(published_post.get_absolute_url())
    comment = Comment.objects.get()
    admin.click(f"#comment-{comment.pk} .comment-reply-link")
    assert admin.locator(f"#comment-{comment.pk} > #respond").count() == 1
    admin.fill("#id_body", "Ungefär tio miljoner.")
    assert admin.locator("#id_author_name").count() == 0
    admin.get_by_text("Inloggad som moderator.").wait_for()
    admin.click("button:has-text('Skicka kommentar')")
    admin.wait_for_url(re.compile(r"#comment-\d+$"))
    visitor.reload()
    nested = visitor.locator(f"#comment-{comment.pk} ol.children li.comment")
    assert nested.count() == 1 and "Ungefär tio miljoner." in nested.text_content()
    assert visitor.get_by_text("2 svar på ”Budgeten”").count() == 1


def test_autosave_keeps_the_text_and_a_reload_shows_it(page, editor_user, settings):
    settings.AUTOSAVE_SECONDS = 1
    log_in(page, "redaktor")
    page.goto("/admin/posts/post/add/")
    page.fill("#id_title", "Skrivet utan att spara")
    page.fill("#id_body", "Den här texten sparas automatiskt.")
    expect(page.locator(".submit-row .autosave-status")).to_contain_text("Sparad kl.")
    page.wait_for_url(re.compile(r"/admin/posts/post/\d+/change/$"))
    page.reload()
    expect(page.locator("#id_body")).to_have_value("Den här texten sparas automatiskt.")
    assert not Post.objects.get().is_public


def test_restoring_an_older_revision_in_one_click(page, editor_user):
    log_in(page, "redaktor")
    page.goto("/admin/posts/post/add/")
    page.fill("#id_title", "Budget 2027")
    page.fill("#id_body", "Den första versionen.")
    page.click("button[value=draft]")
    page.fill("#id_body", "En andra version.")
    page.click("button[value=draft]")
    post = Post.objects.get()
    assert post.body == "En andra version."
    page.goto(f"/admin/posts/post/{post.pk}/history/")
    page.locator("#change-history tbody tr").last.locator("button").click()
    expect(page.locator(".messagelist")).to_contain_text("är tillbaka")
    expect(page.locator("#id_body")).to_have_value("Den första versionen.")
