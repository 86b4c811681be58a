"""The root shows the latest posts, or a page chosen as the front page (then the posts
list lives at the posts page), as WordPress's *Läsning → Startsida*."""

import pytest
from django.test import Client

from pages.models import FrontPage, Page
from tests.factories import PostFactory
from tests.wxr_files import post, run, write

pytestmark = pytest.mark.django_db


def page(title, slug):
    return Page.objects.create(title=title, slug=slug, body=f"Det här är {title}.",
                               status="published")


def html(path):
    return Client().get(path).content.decode()


def test_a_page_as_the_front_page_and_the_posts_at_the_posts_page():
    PostFactory(title="Senaste inlägget")
    welcome, blog = page("Välkommen", "valkommen"), page("Blogg", "blogg")
    assert "Senaste inlägget" in html("/")
    FrontPage.objects.create(pk=1, front=welcome, posts=blog)
    front = html("/")
    assert "Det här är Välkommen." in front and "Senaste inlägget" not in front
    listing = html("/blogg/")
    assert "Senaste inlägget" in listing and "Blogg" in listing
    assert Client().get("/valkommen/")["Location"] == "/"
    assert welcome.get_absolute_url() == "/"
    assert "Senaste <mark>inlägget</mark>" in html("/?s=inlägget")


def test_changing_the_front_page_shows_at_once():
    PostFactory(title="Senaste inlägget")
    assert "Senaste inlägget" in html("/")
    setting = FrontPage.objects.create(pk=1, front=page("Välkommen", "valkommen"))
    assert "Det här är Välkommen." in html("/")
    setting.front = None
    setting.save()
    assert "Senaste inlägget" in html("/")


def test_a_new_post_shows_at_once_on_the_posts_page():
    FrontPage.objects.create(pk=1, front=page("Välkommen", "valkommen"),
                             posts=page("Blogg", "blogg"))
    html("/blogg/")
    PostFactory(title="Alldeles nytt")
    assert "Alldeles nytt" in html("/blogg/")


def test_the_admin_sets_the_front_page(staff_client):
    welcome = page("Välkommen", "valkommen")
    form = staff_client.get("/admin/pages/frontpage/", follow=True)
    change = form.redirect_chain[-1][0]
    same = staff_client.post(change, {"front": welcome.pk, "posts": welcome.pk})
    assert same.status_code == 200 and "två olika sidor" in same.content.decode()
    staff_client.post(change, {"front": welcome.pk, "posts": ""})
    assert "Det här är Välkommen." in html("/")


def test_the_import_makes_the_old_front_page_the_front_page(tmp_path):
    home = post(5, "Hem", "Välkommen till min blogg.", extra="").replace(
        "<wp:post_type>post</wp:post_type>", "<wp:post_type>page</wp:post_type>").replace(
        "<link>https://gammal.example.se/?p=5</link>", "<link>https://gammal.example.se/</link>")
    report = run(write(tmp_path, home + post(6, "Ett inlägg", "Text.")))
    assert "front page" in report
    assert "Välkommen till min blogg." in html("/")
