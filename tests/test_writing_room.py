"""The writing room's form: the Publish box beside the text, a press link from its address
and title alone, and the featured image picked from the media library."""

import re

import pytest

from posts.models import Post, PressLink, UploadedImage
from tests.factories import image_upload
from tests.test_publishing_buttons import ADD, form

pytestmark = pytest.mark.django_db


def test_the_publish_box_sits_beside_the_text_with_its_buttons(editor_client):
    html = editor_client.get(ADD).content.decode()
    main, side = html.split('<div class="writing-side">')
    assert 'name="title"' in main and 'name="body"' in main
    assert 'name="published_at_0"' not in main
    publish_box = side.split("</section>")[0]
    assert ">Publicera</h2>" in publish_box and 'name="published_at_0"' in publish_box
    assert 'class="submit-row"' in publish_box
    assert side.index("publish-box") < side.index("Kategorier och etiketter") \
        < side.index('name="featured_image"') < side.index('id="press_links-group"') \
        < side.index('id="embeds-group"')


def test_the_page_form_has_the_same_room(editor_client):
    html = editor_client.get("/admin/pages/page/add/").content.decode()
    main, side = html.split('<div class="writing-side">')
    assert 'name="body"' in main and 'name="status"' in side.split("</section>")[0]


def press_form(*links):
    data = form("draft", **{"press_links-TOTAL_FORMS": str(len(links))})
    for number, (url, title) in enumerate(links):
        data |= {f"press_links-{number}-url": url, f"press_links-{number}-title": title,
                 f"press_links-{number}-kind": "article", f"press_links-{number}-outlet": ""}
    return data


def test_a_press_link_needs_only_its_address_and_title(editor_client):
    response = editor_client.post(ADD, press_form(
        ("https://www.svd.se/debatt/cykeln-ar-framtiden", "Cykeln är framtiden"),
        ("https://sverigesradio.se/artikel/huddinge-bygger", "Intervju i P4"),
        ("https://www.lokaltidning.se/nyheter/1", "Nya cykelbanor"),
    ))
    assert response.status_code == 302
    stored = {link.title: (link.outlet, link.kind) for link in PressLink.objects.all()}
    assert stored == {"Cykeln är framtiden": ("SvD", "op-ed"),
                      "Intervju i P4": ("Sveriges Radio", "radio"),
                      "Nya cykelbanor": ("lokaltidning.se", "article")}


def test_an_outlet_and_kind_the_writer_chose_are_kept(editor_client):
    data = press_form(("https://www.svd.se/debatt/x", "Repliken"))
    data |= {"press_links-0-outlet": "SvD Brännpunkt", "press_links-0-kind": "interview"}
    editor_client.post(ADD, data)
    link = PressLink.objects.get()
    assert (link.outlet, link.kind) == ("SvD Brännpunkt", "interview")


def test_the_featured_image_is_picked_from_the_library_with_its_alt_text(editor_client):
    editor_client.post("/markdownx/upload/", {"image": image_upload(), "alt": "Kommunhuset"})
    image = UploadedImage.objects.get()
    html = editor_client.get(ADD).content.decode()
    assert "Välj ur mediebiblioteket</button>" in html
    assert re.search(r'<input type="hidden" name="featured_from_library"', html)
    response = editor_client.post(ADD, form("publish", featured_from_library=str(image.pk)))
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.featured_image.name == image.file.name
    assert post.featured_image_alt == "Kommunhuset"
    assert post.featured_image_sizes[-1]["name"] == image.file.name
    assert UploadedImage.objects.count() == 1
