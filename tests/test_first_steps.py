"""The first hour in the admin: a dashboard in the writer's words, first steps that know
when they are done, Swedish error pages on the development server, a lost phone."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.models import SiteIdentity
from tests.factories import PostFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    """The admin of a site that started with the demo, signed in."""
    call_command("load_demo", stdout=StringIO())
    browser = Client()
    user = StaffFactory(username="anna", is_superuser=True, email="")
    browser.force_login(user)
    return browser


def steps(html):
    found = re.findall(r'<li class="(done|todo)">\s*<a href="[^"]+">([^<]+)</a>', html)
    return {title: state for state, title in found}


def test_the_dashboard_speaks_the_writers_words(owner, editor_client):
    html = owner.get("/admin/").content.decode()
    for label in ("Skriva", "Inställningar", "Säkerhet", "Autentiseringsappar",
                  "Reservkoder", "Identitet: namn, porträtt, länkar", "Flytta från WordPress"):
        assert label in html, label
    for raw in ("CORE", "OTP_TOTP", "OTP_STATIC", "TOTP devices", "Static devices",
                "Huddinge site", "Task Results", "Övrigt"):
        assert raw not in html, raw
    assert html.index("Inlägg") < html.index("Inställningar") < html.index("Säkerhet")
    assert "Kommentarer (1 väntar)" in html and "Skriv nytt inlägg" in html
    writer = editor_client.get("/admin/").content.decode()
    assert "Säkerhet" not in writer and "Skriva" in writer


def test_one_name_for_the_site_in_the_admin(owner):
    SiteIdentity.objects.update(site_name="Annas Huddinge")
    from core import identity

    identity.forget()
    html = owner.get("/admin/").content.decode()
    assert '<div id="site-name"><a href="/admin/">Annas Huddinge</a>' in html
    assert "Annas Huddinge" in Client().get("/admin/login/").content.decode()


def test_the_first_steps_show_what_is_done_from_the_database(owner):
    html = owner.get("/admin/").content.decode()
    assert steps(html) == {"Berätta vem du är": "todo",
                           "Din e-postadress för kommentarer": "todo",
                           "Flytta hit din WordPress-blogg": "todo",
                           "Ta bort demoinnehållet": "todo",
                           "Skriv ditt första inlägg": "todo"}
    identity = SiteIdentity.objects.get()
    identity.bio = "Jag bor i Huddinge sedan 1998."
    identity.save()
    response = owner.post("/admin/email/", {"email": "anna@annasblogg.se"}, follow=True)
    assert "Din e-postadress är sparad." in response.content.decode()
    PostFactory(title="Mitt första")
    owner.post("/admin/demo/remove/")
    done = steps(owner.get("/admin/").content.decode())
    assert done == {"Berätta vem du är": "done", "Din e-postadress för kommentarer": "done",
                    "Flytta hit din WordPress-blogg": "todo",
                    "Ta bort demoinnehållet": "done", "Skriv ditt första inlägg": "done"}


def test_the_first_steps_can_be_hidden_and_shown_again(owner):
    owner.post("/admin/welcome/")
    html = owner.get("/admin/").content.decode()
    assert 'id="welcome"' not in html and "Visa de första stegen" in html
    owner.post("/admin/welcome/", {"show": "1"})
    assert 'id="welcome"' in owner.get("/admin/").content.decode()


def test_a_bad_email_address_is_refused_and_kept_as_typed(owner):
    response = owner.post("/admin/email/", {"email": "anna@"})
    html = response.content.decode()
    assert response.status_code == 200 and "giltig e-postadress" in html
    assert 'value="anna@"' in html


def test_the_development_server_shows_the_swedish_error_pages(settings):
    settings.DEBUG_PAGES = False
    browser = Client(raise_request_exception=False)
    missing = browser.get("/finns-inte/")
    assert missing.status_code == 404 and "Sidan hittades inte" in missing.content.decode()
    assert "Using the URLconf" not in missing.content.decode()


def test_a_lost_phone_is_reset_from_the_command_line():
    user = StaffFactory(username="anna", is_superuser=True)
    TOTPDevice.objects.create(user=user, confirmed=True)
    StaticDevice.objects.create(user=user)
    out = StringIO()
    call_command("reset_second_factor", "anna", stdout=out)
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    assert "new key" in out.getvalue()
    verify = Client().get("/admin/login/")
    assert verify.status_code == 200


def test_the_sign_in_page_says_what_to_do_with_a_lost_phone(client):
    user = StaffFactory(username="anna")
    user.set_password("rätt-lösenord-123")
    user.save()
    TOTPDevice.objects.create(user=user, confirmed=True)
    client.post("/admin/login/", {"username": "anna", "password": "rätt-lösenord-123"})
    html = client.get("/admin/login/verify/").content.decode()
    assert "Tappat bort telefonen?" in html and "reset_second_factor" in html
