"""The post cards of the listing pages, each rendered once for what it shows.

Every new post and every approved comment anywhere invalidates the listing pages,
yet nine of a page's ten cards look as they did before. A card is a pure function
of the values it shows, of the templates and of the translations, so it is cached
under a digest of exactly those: a post that changed gets a new key, and nothing
has to be invalidated or can be forgotten. One ``get_many`` fetches a page's
cards; a cache fault only means rendering them.
"""

import contextlib
import hashlib
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.template.loader import get_template, render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from core import page_cache

TEMPLATE = "posts/_post_card.html"
TEMPLATES = (TEMPLATE, "posts/_date.html", "posts/_featured.html")
SHOWN = ("pk", "title", "slug", "published_at", "summary", "featured_image_sizes",
         "featured_image_alt", "sticky", "comment_count")


@lru_cache
def _release(language):
    """What a card's look depends on besides the post: this release's templates and
    translations, read once per process."""
    digest = hashlib.sha256(language.encode())
    for name in TEMPLATES:
        digest.update(Path(get_template(name).origin.name).read_bytes())
    for folder in settings.LOCALE_PATHS:
        catalog = Path(folder) / language / "LC_MESSAGES" / "django.mo"
        if catalog.exists():
            digest.update(catalog.read_bytes())
    return digest.hexdigest()[:16]


def _key(post, eager):
    shown = [repr(getattr(post, name)) for name in SHOWN]
    shown += [f"{c.pk}:{c.name}:{c.slug}" for c in post.categories.all()]
    digest = hashlib.sha256("\x1f".join([*shown, str(eager)]).encode()).hexdigest()[:32]
    return f"card:{_release(translation.get_language())}:{digest}"


def render(posts):
    """The cards of ``posts`` in order, the first one's image loaded eagerly (it is the
    largest paint)."""
    wanted = [(post, n == 0, _key(post, n == 0)) for n, post in enumerate(posts)]
    cache = page_cache.get_cache()
    found = {}
    with contextlib.suppress(Exception):
        found = cache.get_many([key for _, _, key in wanted])
    made = {key: render_to_string(TEMPLATE, {"post": post, "eager": eager})
            for post, eager, key in wanted if key not in found}
    if made:
        with contextlib.suppress(Exception):
            cache.set_many(made, settings.PAGE_CACHE_SECONDS)
    return mark_safe("".join(found.get(key) or made[key] for _, _, key in wanted))
