"""A post like the seed's, with everything a post page can show, for the page checks
(Lighthouse, the theme's screenshots)."""

import pytest

from core.models import SiteIdentity
from tests.factories import (
    CategoryFactory,
    CommentFactory,
    EmbedFactory,
    PostFactory,
    PressLinkFactory,
    TagFactory,
    image_upload,
)


@pytest.fixture
def seed_post(db):
    identity = SiteIdentity(site_name="Anna Andersson", tagline="Lokalpolitik i Huddinge",
                            person_name="Anna Andersson", role="Kommunalråd (S)",
                            bio="Jag bor i Flemingsberg.")
    identity.portrait.save("anna.jpg", image_upload("anna.jpg", size=(400, 400)), save=False)
    identity.save()
    for n in range(4):
        PostFactory(title=f"Ett äldre inlägg om trafik {n}")
    post = PostFactory(
        title="Skolan i Flemingsberg",
        body="## Bakgrund\n\nNämnden har beslutat:\n\n- två nya förskolor\n- kortare köer\n\n"
             "Läs [protokollet](https://www.huddinge.se/).",
        featured_image_alt="Skolgården")
    post.featured_image.save("skola.jpg", image_upload("skola.jpg", size=(1600, 900)), save=True)
    post.categories.add(CategoryFactory(name="Skola"))
    post.tags.add(TagFactory(name="Flemingsberg"), TagFactory(name="förskola"))
    EmbedFactory(post=post)
    PressLinkFactory(post=post, outlet="SvD Brännpunkt", kind="op-ed")
    PressLinkFactory(post=post, outlet="Radio Stockholm", kind="radio")
    CommentFactory(post=post, body="Äntligen!")
    return post
