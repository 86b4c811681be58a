"""Publicera, Schemalägg, Spara utkast and Avpublicera in the post editor, as in WordPress."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from posts.models import Post

pytestmark = pytest.mark.django_db
ADD = "/admin/posts/post/add/"


def form(button, when=None, **extra):
    """The editor's form as the browser sends it; the time field starts at now."""
    data = {
        "title": "Nya cykelvägar", "slug": "", "excerpt": "", "body": "Text.",
        "status": "draft", "featured_image_alt": "",
        "press_links-TOTAL_FORMS": "0", "press_links-INITIAL_FORMS": "0",
        "embeds-TOTAL_FORMS": "0", "embeds-INITIAL_FORMS": "0", "_continue": button,
        **extra,
    }
    local = timezone.localtime(when or timezone.now())
    data["published_at_0"], data["published_at_1"] = f"{local:%Y-%m-%d}", f"{local:%H:%M:%S}"
    return data


def test_one_primary_button_whose_label_follows_the_state(editor_client):
    html = editor_client.get(ADD).content.decode()
    assert re.search(r'value="publish" class="button default publish-primary" '
                     r'data-publish="Publicera" data-schedule="Schemalägg">Publicera</button>',
                     html)
    assert "Nytt inlägg, inte på webbplatsen" in html
    for label in ("Spara utkast", "Förhandsgranska"):
        assert f">{label}</button>" in html
    for django_button in ("_addanother", 'name="_save"', "Spara och fortsätt", 'name="status"'):
        assert django_button not in html
    editor_client.post(ADD, form("publish", when=timezone.now() + timedelta(days=1)))
    post = Post.objects.get()
    assert post.is_scheduled
    change = f"/admin/posts/post/{post.pk}/change/"
    html = editor_client.get(change).content.decode()
    assert 'class="button default publish-primary">Uppdatera</button>' in html
    assert ">Publicera nu</button>" in html and "Schemalagt till " in html
    editor_client.post(change, form("publish-now", slug=post.slug,
                                    when=timezone.now() + timedelta(days=1)))
    post.refresh_from_db()
    assert post.is_public
    html = editor_client.get(change).content.decode()
    assert 'class="button default publish-primary">Uppdatera</button>' in html
    assert ">Avpublicera</button>" in html and "Publicerat " in html
    assert ">Publicera nu</button>" not in html and ">Schemalägg</button>" not in html


def test_update_keeps_a_public_post_public(editor_client):
    editor_client.post(ADD, form("publish"))
    post = Post.objects.get()
    editor_client.post(f"/admin/posts/post/{post.pk}/change/",
                       form("", when=post.published_at, status="published", slug=post.slug,
                            title="Ny rubrik"))
    post.refresh_from_db()
    assert post.is_public and post.title == "Ny rubrik"


def test_publish_now_makes_the_post_public_and_links_to_it(editor_client):
    next_week = timezone.now() + timedelta(days=7)
    response = editor_client.post(ADD, form("publish-now", when=next_week), follow=True)
    post = Post.objects.get()
    assert post.is_public and post.published_at <= timezone.now()
    assert f'<a href="{post.get_absolute_url()}">Visa inlägget</a>' in response.content.decode()


def test_schedule_needs_a_future_time(editor_client):
    refused = editor_client.post(ADD, form("schedule"))
    assert refused.status_code == 200 and "Välj en tid i framtiden" in refused.content.decode()
    assert not Post.objects.exists()
    tomorrow = timezone.now() + timedelta(days=1)
    response = editor_client.post(ADD, form("schedule", when=tomorrow), follow=True)
    assert Post.objects.get().is_scheduled
    local = timezone.localtime(Post.objects.get().published_at)
    with translation.override("sv"):
        when = date_format(local, "j F Y \\k\\l. H:i")
    assert f"Inlägget visas på webbplatsen {when}." in response.content.decode()
    assert re.search(r"Inlägget visas på webbplatsen \d{1,2} (januari|februari|mars|april|maj|"
                     r"juni|juli|augusti|september|oktober|november|december) \d{4} kl\. "
                     r"\d\d:\d\d\.", response.content.decode())


def test_unpublish_turns_a_public_post_into_a_draft(editor_client):
    editor_client.post(ADD, form("publish"))
    post = Post.objects.get()
    page = editor_client.get(f"/admin/posts/post/{post.pk}/change/").content.decode()
    assert ">Avpublicera</button>" in page
    editor_client.post(f"/admin/posts/post/{post.pk}/change/",
                       form("draft", when=post.published_at, status="published"))
    assert Post.objects.get().status == "draft"


def test_preview_of_a_new_post_shows_it_and_saves_nothing(editor_client):
    assert 'formtarget="_blank" formnovalidate class="button">Förhandsgranska</button>' in \
        editor_client.get(ADD).content.decode()
    response = editor_client.post("/admin/posts/post/preview/",
                                  form("", body="## Utkastets rubrik"))
    html = response.content.decode()
    assert "<h1>Nya cykelvägar</h1>" in html and "<h2>Utkastets rubrik</h2>" in html
    assert "Förhandsgranskning av det som står i redigeraren nu" in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert not Post.objects.exists()


def test_preview_of_unsaved_changes_to_a_public_post_leaves_the_post_alone(editor_client,
                                                                           client):
    editor_client.post(ADD, form("publish"))
    post = Post.objects.get()
    change = f"/admin/posts/post/{post.pk}/change/"
    assert "Förhandsgranska</button>" in editor_client.get(change).content.decode()
    data = form("", when=post.published_at, status="published", title="Ändrad rubrik",
                body="Helt ny text.")
    html = editor_client.post(f"/admin/posts/post/{post.pk}/preview/", data).content.decode()
    assert "<h1>Ändrad rubrik</h1>" in html and "Helt ny text." in html
    public = client.get(post.get_absolute_url()).content.decode()
    assert "<h1>Nya cykelvägar</h1>" in public and "Ändrad rubrik" not in public
    assert Post.objects.get().title == "Nya cykelvägar"


def test_only_staff_may_preview(client):
    response = client.post("/admin/posts/post/preview/", form(""))
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client.get("/admin/posts/post/preview/").status_code == 302
