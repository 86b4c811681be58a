"""The demo content: loaded once into a new site, never a trap, removed in one click."""

import itertools
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from comments.models import Comment
from core.models import SiteIdentity
from pages.models import Page
from posts.models import Category, Post, Tag
from tests.factories import CommentFactory, PostFactory

pytestmark = pytest.mark.django_db


def start():
    """What ``scripts/run`` does at every start, after migrating."""
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_demo_loads_posts_comments_and_prints_an_admin_login(client, settings):
    settings.SITE_URL = "http://127.0.0.1:8123"
    out = start()
    assert "Admin login: http://127.0.0.1:8123/admin/  user: admin  password: " in out
    assert Post.objects.published().count() == 5
    assert Post.objects.filter(status="draft").count() == 1
    assert Post.objects.exclude(pk__in=Post.objects.published()).filter(status="published").exists()
    assert Comment.objects.filter(status="pending").count() == 1
    assert client.get("/om-mig/").status_code == 200
    password = re.search(r"password: (\S+)", out).group(1)
    codes = re.search(r"recovery codes: ([\w ]+)\n", out).group(1).split()
    assert len(codes) == 10 and "reset_second_factor admin" in out
    response = client.post("/admin/login/?next=/admin/",
                           {"username": "admin", "password": password})
    assert response.status_code == 302 and response["Location"] == "/admin/login/verify/"
    response = client.post("/admin/login/verify/", {"code": codes[-1]})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_demo_never_writes_over_real_content():
    PostFactory(title="Riktigt inlägg")
    assert "no demo content was loaded" in start()
    assert list(Post.objects.values_list("title", flat=True)) == ["Riktigt inlägg"]


KINDS = {
    "posts": lambda: Post.objects.all().delete(),
    "pages": lambda: Page.objects.all().delete(),
    "comments": lambda: Comment.objects.all().delete(),
    "categories": lambda: Category.objects.all().delete(),
    "tags": lambda: Tag.objects.all().delete(),
    "identity": lambda: SiteIdentity.objects.all().delete(),
}


def _every_set_of_kinds():
    """Each kind alone and all together while writing code; the other 56 sets with the slow
    tests, since each start costs half a second."""
    for size in range(1, len(KINDS) + 1):
        for kinds in itertools.combinations(KINDS, size):
            quick = size in (1, len(KINDS))
            yield pytest.param(kinds, marks=() if quick else pytest.mark.slow)


@pytest.mark.parametrize("deleted", list(_every_set_of_kinds()), ids="+".join)
def test_a_start_after_deleting_any_kinds_of_demo_content_loads_nothing(deleted):
    """Which kinds are gone is all a start can see, so every set of them stands for
    every order of deleting them (each prefix of an order is such a set)."""
    start()
    for kind in deleted:
        KINDS[kind]()
        start()
    counts = [model.objects.count() for model in (Post, Page, Comment, SiteIdentity)]
    assert "no demo content was loaded" in start()
    assert [model.objects.count() for model in (Post, Page, Comment, SiteIdentity)] == counts


def test_removing_the_demo_keeps_what_the_owner_wrote_changed_or_filed(staff_client):
    start()
    politics = Category.objects.get(name="Miljö")
    own = PostFactory(title="Mitt eget inlägg")
    own.categories.add(politics)
    changed = Post.objects.published().order_by("-published_at")[2]
    changed.title = "Omskriven av mig"
    changed.save()
    reply_under = Post.objects.filter(comments__isnull=False).first()
    CommentFactory(post=reply_under, author_name="Min läsare", body="En riktig kommentar")
    page = staff_client.get("/admin/demo/remove/")
    assert page.status_code == 200 and "demoobjekt" in page.content.decode()
    response = staff_client.post("/admin/demo/remove/", follow=True)
    assert "Demoinnehållet är borttaget" in response.content.decode()
    titles = set(Post.objects.values_list("title", flat=True))
    assert titles == {"Mitt eget inlägg", "Omskriven av mig", reply_under.title}
    assert politics in Category.objects.all()
    assert not Category.objects.filter(posts__isnull=True).exists()
    assert Comment.objects.filter(body="En riktig kommentar").exists()
    assert not Page.objects.exists() and not SiteIdentity.objects.exists()
    assert Client().get("/").status_code == 200
    assert "no demo content was loaded" in start()
