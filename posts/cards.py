"""The post cards of the listing pages, each rendered once for what it shows.

Every new post and every approved comment anywhere invalidates the listing pages,
yet nine of a page's ten cards look as they did before. A card is a pure function
of the values it shows, so it is kept (``core.fragments``) under a digest of
exactly those: a post that changed gets a new key, and nothing has to be
invalidated or can be forgotten.
"""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from core import fragments

TEMPLATES = ("posts/_post_card.html", "posts/_date.html", "posts/_featured.html")
SHOWN = ("pk", "title", "slug", "published_at", "summary", "featured_image_sizes",
         "featured_image_alt", "featured_sizes", "sticky", "comment_count")


def _key(release, post, eager):
    shown = [getattr(post, name) for name in SHOWN]
    shown += [(c.pk, c.name, c.slug) for c in post.categories.all()]
    return f"card:{release}:{fragments.digest([*shown, eager])}"


def render(posts):
    """The cards of ``posts`` in order, the first featured image among them loaded eagerly
    (it is the largest paint), the others lazily."""
    posts = list(posts)
    first = next((post for post in posts if post.featured_image_sizes), None)
    release = fragments.release(*TEMPLATES)
    wanted = {}
    for post in posts:
        eager = post is first
        wanted[_key(release, post, eager)] = (lambda post=post, eager=eager: render_to_string(
            TEMPLATES[0], {"post": post, "eager": eager}))
    found = fragments.get_or_render(wanted)
    return mark_safe("".join(found[key] for key in wanted))
