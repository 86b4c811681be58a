"""The demo loader fills an empty database only."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from comments.models import Comment
from posts.models import Post
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db


def test_demo_loads_posts_comments_and_prints_an_admin_login(client):
    out = StringIO()
    call_command("load_demo", "--address", "127.0.0.1:8123", stdout=out)
    assert "Admin login: http://127.0.0.1:8123/admin/  user: admin  password: " in out.getvalue()
    assert Post.objects.published().count() == 5
    assert Post.objects.filter(status="draft").count() == 1
    assert Post.objects.exclude(pk__in=Post.objects.published()).filter(status="published").exists()
    assert Comment.objects.filter(status="pending").count() == 1
    assert client.get("/om-mig/").status_code == 200
    password = re.search(r"password: (\S+)", out.getvalue()).group(1)
    recovery_code = out.getvalue().rsplit(" ", 1)[1].strip()
    response = client.post("/admin/login/?next=/admin/",
                           {"username": "admin", "password": password})
    assert response.status_code == 302 and response["Location"] == "/admin/login/verify/"
    response = client.post("/admin/login/verify/", {"code": recovery_code})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_demo_never_writes_over_real_content():
    PostFactory(title="Riktigt inlägg")
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "no demo content was loaded" in out.getvalue()
    assert list(Post.objects.values_list("title", flat=True)) == ["Riktigt inlägg"]
