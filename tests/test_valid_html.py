"""Every public page type passes the Nu Html Checker (vnu) with no errors."""

import json
import subprocess
from pathlib import Path

import pytest
from django.test import Client

from core.models import SiteIdentity
from tests import page_checkers
from tests.factories import (
    CategoryFactory,
    CommentFactory,
    EmbedFactory,
    PageFactory,
    PostFactory,
    PressLinkFactory,
    TagFactory,
    image_upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    post = PostFactory(title="Budgeten för 2027", body="Ett stycke med [en länk](https://example.se).")
    category, tag = CategoryFactory(name="Ekonomi"), TagFactory(name="budget")
    post.categories.add(category)
    post.tags.add(tag)
    parent = CommentFactory(post=post, body="Bra skrivet!\n\nEtt stycke till.")
    CommentFactory(post=post, parent=parent, body="Håller med.")
    EmbedFactory(post=post)
    PressLinkFactory(post=post)
    post.featured_image_alt = "Kommunhuset"
    post.featured_image.save("kommunhuset.jpg", image_upload("kommunhuset.jpg"), save=True)
    PostFactory(title="Ett äldre inlägg", body="Text.\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ")
    identity = SiteIdentity(site_name="Annas blogg", person_name="Anna Andersson",
                            footer_text="Kontakta mig via sidan Om mig.")
    identity.portrait.save("anna.jpg", image_upload("anna.jpg", size=(400, 400)), save=False)
    identity.save()
    page = PageFactory(title="Om mig", slug="om-mig", show_portrait=True)
    day = post.local_date
    return {
        "home": "/", "post": post.get_absolute_url(), "page": page.get_absolute_url(),
        "category": category.get_absolute_url(), "tag": tag.get_absolute_url(),
        "month": f"/{day:%Y}/{day:%m}/", "search": "/?s=budgeten", "press": "/press/",
        "search-corrected": "/?s=budgetn", "search-nothing": "/?s=xqzwv",
        "not-found": "/finns-inte/", "archive": "/archive/", "categories": "/categories/",
        "post-id": post.pk,
    }


def validate(pages, folder):
    files = []
    for name, html in pages.items():
        path = folder / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        files.append(str(path))
    command = [*page_checkers.vnu(), "--errors-only", "--format", "json", *files]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    return [f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
            for m in json.loads(result.stderr or '{"messages": []}')["messages"]]


def test_every_public_page_type_has_no_html_errors(site, tmp_path):
    client = Client()
    pages = {name: client.get(url).content.decode() for name, url in site.items()
             if name != "post-id"}
    form_error = client.post(f"/comments/post/{site['post-id']}/",
                             {"author_name": "", "author_email": "fel", "body": ""},
                             headers={"origin": "http://testserver"})
    assert form_error.status_code == 400
    pages["comment-error"] = form_error.content.decode()
    assert validate(pages, tmp_path) == []
