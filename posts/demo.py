"""Demo content for a fresh local site: a few months of a Huddinge politician's blog."""

import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from . import images
from .models import Category, Embed, Post, PressLink, Tag

CATEGORIES = ["Skola", "Trafik och bostäder", "Miljö", "Kommunens ekonomi"]
TAGS = ["Flemingsberg", "Sjödalen", "budget", "cykel", "förskola", "Tvärbanan"]

POSTS = [
    {
        "title": "Fler förskoleplatser i Flemingsberg",
        "days_ago": 95,
        "categories": ["Skola"],
        "tags": ["Flemingsberg", "förskola"],
        "body": (
            "I kväll beslutade barn- och ungdomsnämnden att bygga **två nya förskolor** i "
            "Flemingsberg.\n\nDet här betyder mycket för familjerna i området:\n\n"
            "- kortare köer till förskolan\n- mindre barngrupper\n- nya jobb för pedagoger\n\n"
            "Läs gärna [nämndens protokoll](https://www.huddinge.se/) för detaljerna."
        ),
        "press": [("Mitt i Huddinge", "Två nya förskolor i Flemingsberg", "article", 94)],
    },
    {
        "title": "Tvärbanan måste komma i tid",
        "days_ago": 70,
        "categories": ["Trafik och bostäder"],
        "tags": ["Tvärbanan", "Flemingsberg"],
        "body": (
            "Tvärbanans förlängning till Flemingsberg är avgörande för hela södra Stockholm.\n\n"
            "> En spårväg som binder ihop Huddinge med resten av regionen.\n\n"
            "Jag skrev om saken på SvD Brännpunkt i dag."
        ),
        "press": [
            ("SvD Brännpunkt", "Regionen får inte skjuta upp Tvärbanan", "op-ed", 70),
            ("Radio Stockholm", "Intervju om Tvärbanan", "radio", 69),
        ],
    },
    {
        "title": "Budgeten för nästa år",
        "days_ago": 45,
        "categories": ["Kommunens ekonomi"],
        "tags": ["budget"],
        "body": (
            "Kommunfullmäktige har antagit budgeten.\n\n"
            "| Område | Miljoner kronor |\n|---|---|\n| Skola | 2 900 |\n"
            "| Äldreomsorg | 1 700 |\n| Kultur och fritid | 310 |\n\n"
            "Här är mitt inlägg från debatten:\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ"
        ),
        "press": [("TV4", "Debatt om Huddinges budget", "tv", 44)],
        "image": True,
    },
    {
        "title": "Cykelvägen längs Sjödalen",
        "days_ago": 20,
        "categories": ["Trafik och bostäder", "Miljö"],
        "tags": ["Sjödalen", "cykel"],
        "body": (
            "Äntligen byggs en sammanhängande cykelväg genom Sjödalen. "
            "Den ska vara klar till sommaren.\n\nTack till alla som skrev till kommunen!"
        ),
        "press": [("Huddinge kommun", "Om cykelplanen", "read-also", None)],
        "embed": ("https://sverigesradio.se/avsnitt/1234567", "P4 Stockholm om cykelvägen"),
    },
    {
        "title": "Rent vatten i Orlången",
        "days_ago": 3,
        "categories": ["Miljö"],
        "tags": ["Sjödalen"],
        "body": "Provtagningen visar att vattnet i Orlången blivit bättre. Bra jobbat, alla!",
    },
]


def _demo_image():
    canvas = Image.new("RGB", (1600, 900), "#0b5394")
    draw = ImageDraw.Draw(canvas)
    for y in range(0, 900, 6):
        draw.line([(0, y), (1600, y)], fill=(11, 83 + y // 12, 148))
    buffer = io.BytesIO()
    canvas.save(buffer, "JPEG", quality=85)
    return images.reencode(SimpleUploadedFile("budget.jpg", buffer.getvalue()))


def load(author):
    """Create the demo posts; the caller makes sure the database has no posts yet."""
    now = timezone.now()
    categories = {name: Category.objects.create(name=name) for name in CATEGORIES}
    tags = {name: Tag.objects.create(name=name) for name in TAGS}
    for spec in POSTS:
        post = Post(
            title=spec["title"], body=spec["body"], author=author,
            status=Post.Status.PUBLISHED, published_at=now - timedelta(days=spec["days_ago"]),
        )
        if spec.get("image"):
            post.featured_image = _demo_image()
            post.featured_image_alt = "Blå bakgrund med ränder"
        post.save()
        post.categories.set(categories[name] for name in spec["categories"])
        post.tags.set(tags[name] for name in spec["tags"])
        for outlet, title, kind, days in spec.get("press", []):
            PressLink.objects.create(
                post=post, outlet=outlet, title=title, kind=kind,
                url="https://example.se/" + post.slug,
                date=(now - timedelta(days=days)).date() if days else None,
            )
        if spec.get("embed"):
            Embed.objects.create(post=post, url=spec["embed"][0], caption=spec["embed"][1])
    Post.objects.create(
        title="Kommande: öppet möte om Stuvsta centrum", author=author,
        body="Välkommen på öppet möte nästa vecka!", status=Post.Status.PUBLISHED,
        published_at=now + timedelta(days=5),
    )
    Post.objects.create(
        title="Utkast: tankar om äldreomsorgen", author=author,
        body="Det här är ett utkast som bara redaktören ser.", status=Post.Status.DRAFT,
    )
    return Post.objects.count()
