import io
from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from comments.models import Comment
from pages.models import Page
from posts.models import Category, Embed, Post, PressLink, Tag


def image_upload(name="bild.jpg", size=(1200, 800), fmt="JPEG", color="#336699", extra=b""):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue() + extra, content_type=f"image/{fmt.lower()}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.se")
    password = factory.django.Password("secret-pass-123")


class StaffFactory(UserFactory):
    is_staff = True


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Kategori {n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    name = factory.Sequence(lambda n: f"etikett {n}")


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    title = factory.Sequence(lambda n: f"Inlägg nummer {n}")
    body = "Ett stycke om **Huddinge**.\n\nEtt till stycke."
    status = Post.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))


class DraftFactory(PostFactory):
    status = Post.Status.DRAFT


class ScheduledFactory(PostFactory):
    published_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=2))


class PressLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PressLink

    post = factory.SubFactory(PostFactory)
    outlet = "SvD Brännpunkt"
    title = factory.Sequence(lambda n: f"Debattartikel {n}")
    url = factory.Sequence(lambda n: f"https://www.svd.se/artikel-{n}")
    kind = PressLink.Kind.OP_ED
    date = factory.LazyFunction(lambda: timezone.localdate())


class EmbedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Embed

    post = factory.SubFactory(PostFactory)
    url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    caption = "Debatten i fullmäktige"


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    post = factory.SubFactory(PostFactory)
    author_name = factory.Sequence(lambda n: f"Läsare {n}")
    author_email = factory.Sequence(lambda n: f"lasare{n}@example.se")
    body = factory.Sequence(lambda n: f"Kommentar nummer {n}.")
    status = Comment.Status.APPROVED
    submitted_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    ip_address = "192.0.2.10"


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    title = factory.Sequence(lambda n: f"Sida {n}")
    body = "Om mig och mitt arbete i **Huddinge**."
    status = Page.Status.PUBLISHED
    menu_order = factory.Sequence(int)
