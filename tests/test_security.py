"""Hardened settings, security headers, login throttling and media serving."""

import base64
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.test import Client

from tests.factories import CommentFactory, PostFactory, StaffFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "huddinge_site.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "k3y" * 20,
        "DJANGO_ALLOWED_HOSTS": "huddingebloggen.se",
        "DJANGO_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {**os.environ, "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "",
           "DJANGO_SETTINGS_MODULE": "huddinge_site.settings", "DJANGO_VAR_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env,
                            capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_without_the_environment_the_settings_are_production_ones(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_DEBUG"}
    env.update({"DJANGO_SETTINGS_MODULE": "huddinge_site.settings",
                "DJANGO_VAR_DIR": str(tmp_path), "DJANGO_SECRET_KEY": "s" * 60})
    show = "from django.conf import settings; print(settings.DEBUG, settings.SECRET_KEY[:3])"
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c", show], cwd=ROOT,
                            env=env, capture_output=True, text=True, check=False)
    assert result.stdout.split()[-2:] == ["False", "sss"], result.stderr
    del env["DJANGO_SECRET_KEY"]
    refused = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env,
                             capture_output=True, text=True, check=False)
    assert refused.returncode != 0 and "DJANGO_SECRET_KEY must be set" in refused.stderr


def test_the_anonymous_client_is_anonymous_beside_a_signed_in_one(client, staff_client):
    assert client is not staff_client
    assert client.get("/admin/").status_code == 302
    assert staff_client.get("/admin/").status_code == 200


def test_public_pages_carry_security_headers(client, settings):
    settings.PAGE_CACHE_STATUS_HEADER = False
    post = PostFactory()
    response = client.get(post.get_absolute_url())
    policy = response["Content-Security-Policy"]
    assert "script-src 'self';" in policy
    assert re.search(r"style-src 'self' 'sha256-[A-Za-z0-9+/]{43}=';", policy)
    assert "'unsafe-inline'" not in policy and "X-Page-Cache" not in response
    assert "frame-src https://player.vimeo.com" in policy
    assert "https://www.youtube-nocookie.com" in policy
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]


def sha256_source(text):
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


def test_no_inline_scripts_or_styles_on_public_pages_or_the_admin(client, staff_client):
    post = PostFactory()
    CommentFactory(post=post)
    admin_pages = ["/admin/posts/post/add/", f"/admin/posts/post/{post.pk}/change/",
                   "/admin/posts/post/", "/admin/comments/comment/", "/admin/"]
    pages = [client.get("/").content.decode(),
             client.get(post.get_absolute_url()).content.decode(),
             *(staff_client.get(url).content.decode() for url in admin_pages),
             render_to_string("500.html"), render_to_string("disk_full.html")]
    editor = pages[2]
    policy = client.get("/")["Content-Security-Policy"]
    assert "markdownx" in editor
    assert "Content-Security-Policy" in staff_client.get("/admin/posts/post/add/").headers
    for html in pages:
        for attributes, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.DOTALL):
            assert "src=" in attributes or "application/json" in attributes, attributes
            assert "src=" not in attributes or not body.strip()
        assert not re.search(r"\son[a-z]+=", html), "inline event handler"
        assert not re.search(r"\sstyle=", html), "style attribute"
        own = re.sub(r"<style>(.*?)</style>", lambda found: "" if sha256_source(found.group(1))
                     in policy else found.group(0), html, count=1, flags=re.S)
        assert "<style" not in own, "inline style other than the site's stylesheet"


def test_admin_login_is_locked_after_repeated_failures(client, settings):
    StaffFactory(username="redaktor", password="rätt-lösenord-123")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post("/admin/login/", {"username": "redaktor", "password": "fel"})
        assert response.status_code == 200
    response = client.post("/admin/login/", {"username": "redaktor", "password": "fel"})
    assert response.status_code == 429
    locked = client.post("/admin/login/", {"username": "redaktor",
                                           "password": "rätt-lösenord-123"})
    assert locked.status_code == 429
    assert "För många misslyckade inloggningar" in locked.content.decode()


def login(address, username, password):
    return Client(REMOTE_ADDR=address).post(
        "/admin/login/", {"username": username, "password": password})


def test_wrong_passwords_from_elsewhere_do_not_lock_the_real_admin_out(settings):
    StaffFactory(username="admin", password="rätt-lösenord-123")
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        assert login("198.51.100.7", "admin", "fel").status_code in (200, 429)
    assert login("198.51.100.7", "admin", "rätt-lösenord-123").status_code == 429
    assert login("203.0.113.9", "admin", "rätt-lösenord-123").status_code == 302


def test_another_accounts_sign_in_does_not_reset_the_failures_against_the_admin(settings,
                                                                               sign_in):
    StaffFactory(username="admin", password="superhemligt-123")
    StaffFactory(username="redaktor", password="rätt-lösenord-123")
    address = "198.51.100.7"
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(address, "admin", "fel").status_code == 200
    signed_in = sign_in(Client(REMOTE_ADDR=address), "redaktor", "rätt-lösenord-123")
    assert signed_in["Location"] == "/admin/"
    assert login(address, "admin", "fel").status_code == 429
    assert login(address, "admin", "superhemligt-123").status_code == 429


def test_a_successful_sign_in_forgets_only_its_own_failures(settings, sign_in):
    StaffFactory(username="redaktor", password="rätt-lösenord-123")
    address = "198.51.100.7"
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(address, "redaktor", "fel")
    signed_in = sign_in(Client(REMOTE_ADDR=address), "redaktor", "rätt-lösenord-123")
    assert signed_in.status_code == 302 and signed_in["Location"] == "/admin/"
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(address, "redaktor", "fel").status_code == 200


def test_one_address_guessing_many_accounts_is_locked_for_all(settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 6
    StaffFactory(username="redaktor", password="rätt-lösenord-123")
    address = "198.51.100.7"
    for n in range(6):
        login(address, f"konto{n}", "fel")
    assert login(address, "redaktor", "rätt-lösenord-123").status_code == 429
    assert login("203.0.113.9", "redaktor", "rätt-lösenord-123").status_code == 302


def test_successful_login_still_works(client):
    StaffFactory(username="redaktor", password="rätt-lösenord-123")
    response = client.post("/admin/login/?next=/admin/",
                           {"username": "redaktor", "password": "rätt-lösenord-123"})
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("name", "content_type", "attachment"),
    [("bild.jpg", "image/jpeg", False), ("ljud.mp3", "audio/mpeg", False),
     ("sida.html", "application/octet-stream", True), ("x.svg", "application/octet-stream", True)],
)
def test_media_is_served_with_safe_types(client, settings, name, content_type, attachment):
    settings.DEBUG = True
    stored = default_storage.save(f"uploads/{name}", ContentFile(b"<script>alert(1)</script>"))
    from posts.media_views import serve_media

    request = client.get("/").wsgi_request
    response = serve_media(request, stored)
    assert response["Content-Type"] == content_type
    assert ("attachment" in response.get("Content-Disposition", "")) is attachment
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
