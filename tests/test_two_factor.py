"""Staff sign in with a password and a second factor: an authenticator app or a recovery code."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import current_code
from tests.factories import DraftFactory, StaffFactory

pytestmark = pytest.mark.django_db
PASSWORD = "rätt-lösenord-123"


@pytest.fixture
def editor(editor):
    editor.set_password(PASSWORD)
    editor.save()
    return editor


@pytest.fixture
def app(editor):
    return TOTPDevice.objects.create(user=editor, confirmed=True)


def password_step(client, next_url="/admin/"):
    return client.post(f"/admin/login/?next={next_url}",
                       {"username": "redaktor", "password": PASSWORD})


def test_a_right_password_alone_signs_nobody_in(client, editor):
    response = password_step(client)
    assert response["Location"] == "/admin/login/setup/"
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    assert "_auth_user_id" not in client.session


def test_a_new_staff_member_adds_an_app_and_gets_recovery_codes(client, editor):
    password_step(client)
    page = client.get("/admin/login/setup/").content.decode()
    assert 'src="data:image/svg+xml;base64,' in page
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    shown_key = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page).group(1)
    assert shown_key.replace(" ", "") in device.config_url
    wrong = client.post("/admin/login/setup/", {"code": "000000"})
    assert wrong.status_code == 400 and "Koden stämde inte" in wrong.content.decode()
    done = client.post("/admin/login/setup/", {"code": current_code(device)})
    codes = re.findall(r"<li><code>(\w+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert client.get("/admin/").status_code == 200


def test_a_code_from_the_app_completes_the_sign_in(client, editor, app):
    assert password_step(client, "/admin/posts/post/")["Location"] == "/admin/login/verify/"
    wrong = client.post("/admin/login/verify/", {"code": "123456"})
    assert wrong.status_code == 400 and "_auth_user_id" not in client.session
    response = client.post("/admin/login/verify/", {"code": current_code(app)})
    assert response["Location"] == "/admin/posts/post/"
    assert client.get("/admin/posts/post/").status_code == 200


def test_guessing_codes_is_throttled_per_address_never_locking_the_owner_out(editor, app):
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    password_step(attacker)
    for wait in (0, 1, 2, 4, 8, 16):
        with time_machine.travel(timedelta(seconds=wait)):
            attacker.post("/admin/login/verify/", {"code": "000000"})
    right_but_throttled = attacker.post("/admin/login/verify/", {"code": current_code(app)})
    assert right_but_throttled.status_code == 400
    assert "_auth_user_id" not in attacker.session
    owner = Client(REMOTE_ADDR="198.51.100.4")
    password_step(owner)
    response = owner.post("/admin/login/verify/", {"code": current_code(app, steps_ahead=1)})
    assert response["Location"] == "/admin/"
    with time_machine.travel(timedelta(minutes=16)):
        later = Client(REMOTE_ADDR="203.0.113.9")
        password_step(later)
        assert later.post("/admin/login/verify/", {"code": current_code(app)})["Location"] == (
            "/admin/")


def test_a_key_seen_with_the_password_alone_is_never_the_one_confirmed(editor):
    attacker, owner = Client(REMOTE_ADDR="203.0.113.9"), Client()
    password_step(attacker)
    seen = re.search(r'id="totp-secret">([A-Z2-7 ]+)<',
                     attacker.get("/admin/login/setup/").content.decode()).group(1)
    password_step(owner)
    again = attacker.get("/admin/login/setup/").content.decode()
    assert re.search(r'id="totp-secret">([A-Z2-7 ]+)<', again).group(1) != seen
    shown = re.search(r'id="totp-secret">([A-Z2-7 ]+)<',
                      owner.get("/admin/login/setup/").content.decode()).group(1)
    assert shown != seen
    device = TOTPDevice.objects.get(user=editor, confirmed=False,
                                    pk=owner.session["two_factor_setup_device"])
    done = owner.post("/admin/login/setup/", {"code": current_code(device)})
    assert done.status_code == 200 and owner.get("/admin/").status_code == 200
    assert TOTPDevice.objects.filter(user=editor).count() == 1
    assert attacker.get("/admin/login/setup/")["Location"] == "/admin/login/"
    assert attacker.post("/admin/login/verify/", {"code": "000000"})["Location"] == (
        "/admin/login/")


def test_a_recovery_code_works_once(editor, app):
    code = StaticToken.random_token()
    StaticDevice.objects.create(user=editor, name="Reservkoder").token_set.create(token=code)
    first = Client()
    password_step(first)
    assert first.post("/admin/login/verify/", {"code": code})["Location"] == "/admin/"
    second = Client()
    password_step(second)
    assert second.post("/admin/login/verify/", {"code": code}).status_code == 400


def test_the_password_step_is_forgotten_after_ten_minutes(client, editor, app):
    password_step(client)
    with time_machine.travel(timedelta(minutes=11)):
        assert client.get("/admin/login/verify/")["Location"] == "/admin/login/"


def test_a_staff_session_without_a_second_factor_counts_as_signed_out(client, editor):
    draft = DraftFactory(title="Hemligt utkast")
    client.force_login(editor)
    TOTPDevice.objects.filter(user=editor).delete()
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.post("/markdownx/markdownify/", {"content": "# Hej"}).status_code == 403


def test_the_next_address_cannot_lead_off_the_site(client, editor, app):
    password_step(client, "https://evil.example/")
    response = client.post("/admin/login/verify/", {"code": current_code(app)})
    assert response["Location"] == "/admin/"


def test_a_superuser_resets_a_lost_factor(editor, app):
    boss = Client()
    boss.force_login(StaffFactory(username="chef", is_superuser=True))
    response = boss.post(f"/admin/otp_totp/totpdevice/{app.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302 and not TOTPDevice.objects.filter(user=editor).exists()
    assert password_step(Client())["Location"] == "/admin/login/setup/"
