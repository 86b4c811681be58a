"""The first hour of a new owner, in Chromium, counted: sign in with what ``scripts/run``
printed, fill the first steps, move a WordPress blog in through the admin (a local web
server plays the old site, the background worker imports), remove the demo content,
write and publish a post. The clicks and fields are the figures README.md states, and
screenshots of each stop are saved at 375 and 1280 px."""

import re
import time
from io import StringIO

import pytest
from django.core.management import call_command

from core.models import SiteIdentity
from posts.models import Post
from tests.browser_fixtures import ARTIFACTS, OFF_SCREEN, Counted, app_code
from tests.factories import image_upload
from tests.nodes import Worker, share_site_folders
from tests.wxr_files import post, serving, write
from wordpress_import import generate
from wordpress_import.models import ImportRun

pytestmark = pytest.mark.django_db(transaction=True)
expect = pytest.importorskip("playwright.sync_api").expect
FIRST_HOUR_CLICKS = 17
FIRST_HOUR_FIELDS = 8
SHOTS = ARTIFACTS / "screenshots" / "first-hour"


@pytest.fixture
def machine(tmp_path, settings):
    """The site's folders, shared by the live server and its background worker."""
    var_dir = tmp_path / "var"
    share_site_folders(settings, var_dir)
    settings.WORDPRESS_IMPORT_PRIVATE_ADDRESSES = True
    worker = Worker(var_dir, WORDPRESS_IMPORT_PRIVATE_ADDRESSES="1")
    yield var_dir
    worker.stop()


@pytest.fixture
def old_blog(tmp_path):
    """The old WordPress site's uploads on a local web server, and its export file."""
    uploads = tmp_path / "old" / "wp-content" / "uploads" / "2019" / "03"
    uploads.mkdir(parents=True)
    (uploads / "torget.jpg").write_bytes(image_upload(size=(1200, 800)).read())
    with serving(tmp_path / "old") as address:
        base = f"{address}/wp-content/uploads/2019/03"
        comment = generate.COMMENT.format(id=1, ip=1, date="2019-03-02 11:00:00", parent=0)
        items = (post(11, "Torget i Huddinge C",
                      f'<img src="{base}/torget.jpg" alt="Torget">\n\nTorget ska bli grönare.',
                      comments=comment)
                 + post(12, "Budgeten 2019", "Våra prioriteringar."))
        yield write(tmp_path, items, name="annasblogg.wordpress.2019-03-05.xml")


def shoot(page, name):
    """Screenshots at a phone's and a laptop's width; nothing may stick out on the phone."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SHOTS / f"{name}-{width}.png", full_page=True)
        assert page.evaluate(OFF_SCREEN) == [], (name, width)
    page.set_viewport_size({"width": 1280, "height": 900})


def wait_for_import(page):
    deadline = time.monotonic() + 60
    while "Det här importerades" not in page.content():
        assert time.monotonic() < deadline, ImportRun.objects.values("state", "error").get()
        time.sleep(0.5)
        page.reload()


def test_the_first_hour_from_the_printed_login_to_a_published_post(page, machine, old_blog):
    out = StringIO()
    call_command("load_demo", stdout=out)
    password = re.search(r"password: (\S+)", out.getvalue()).group(1)
    key = re.search(r"set up with the key ([A-Z2-7 ]+), or", out.getvalue()).group(1)
    started = time.monotonic()
    owner = Counted(page)
    page.goto("/admin/")
    owner.fill("#id_username", "admin")
    owner.fill("#id_password", password)
    owner.click("input[type=submit]")
    owner.fill("#id_code", app_code(key))
    owner.click("input[type=submit]")
    expect(page.locator("#welcome")).to_be_visible()
    shoot(page, "1-welcome")

    owner.click(page.get_by_role("link", name="Berätta vem du är"))
    owner.fill("#id_role", "Kommunalråd (S) i Huddinge")
    owner.fill("#id_bio", "Jag har bott i Huddinge i tjugo år och cyklar till jobbet.")
    owner.click("input[name=_save]")
    owner.click(page.get_by_role("link", name="Hem"))

    owner.click(page.get_by_role("link", name="Din e-postadress för kommentarer"))
    owner.fill("#id_email", "anna@annasblogg.se")
    owner.click("input[type=submit]")

    owner.click(page.get_by_role("link", name="Flytta hit din WordPress-blogg"))
    owner.upload("#id_export", str(old_blog))
    owner.click("input[type=submit]")
    expect(page.locator("#import-contents")).to_contain_text("2 inlägg")
    shoot(page, "2-import-checked")
    owner.click(page.get_by_role("button", name="Starta importen"))
    wait_for_import(page)
    shoot(page, "3-import-report")
    owner.click(page.get_by_role("link", name="Hem"))

    owner.click(page.get_by_role("link", name="Ta bort demoinnehållet"))
    owner.click(page.get_by_role("button", name="Ta bort demoinnehållet"))

    owner.click(page.get_by_role("link", name="Skriv ditt första inlägg"))
    owner.fill("#id_title", "Hej från min nya blogg")
    owner.fill("#id_body", "Nu skriver jag här i stället. Välkommen!")
    owner.click("button[value=publish]")
    expect(page.get_by_role("link", name="Visa inlägget")).to_be_visible()
    owner.click(page.get_by_role("link", name="Hem"))
    expect(page.locator("#welcome")).to_have_count(0)
    shoot(page, "4-dashboard-done")
    minutes = (time.monotonic() - started) / 60

    titles = set(Post.objects.values_list("title", flat=True))
    assert titles == {"Torget i Huddinge C", "Budgeten 2019", "Hej från min nya blogg"}
    assert "/media/wordpress/2019/03/torget" in Post.objects.get(title__startswith="Torget").body
    assert SiteIdentity.objects.get().role == "Kommunalråd (S) i Huddinge"
    page.goto("/")
    expect(page.locator("body")).to_contain_text("Hej från min nya blogg")
    shoot(page, "5-home")
    assert (owner.clicks, owner.fields) == (FIRST_HOUR_CLICKS, FIRST_HOUR_FIELDS), (
        owner.clicks, owner.fields, minutes)
