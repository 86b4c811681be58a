"""The demo content: offered once to a new site, and removed in one step.

A new owner starts on a site that shows what it can do: posts with press links and
a clip, standing pages, a comment thread, an identity. That is an offer, never a
trap. It is loaded only into a database with no posts, pages or identity, and only
once (``SetupState.demo_offered_at``): a start after the owner deleted some or all
of it loads nothing and fails on nothing. What it made is one batch
(``wordpress_import.batches``), so *remove the demo content* deletes exactly that and
keeps whatever the owner has rewritten or filed their own posts under.
"""

from django.utils import timezone

from core.models import SetupState, SiteIdentity
from pages.models import Page
from posts.models import Post
from wordpress_import import batches

BATCH = "demo"


def is_new_site():
    """Whether the demo may be offered: never before, and nothing written yet."""
    if SetupState.current().demo_offered_at is not None:
        return False
    return not (Post.objects.exists() or Page.objects.exists()
                or SiteIdentity.objects.exists())


def offered():
    """Note that the demo was offered, loaded or not: it is never offered again."""
    SetupState.objects.update_or_create(pk=1, defaults={"demo_offered_at": timezone.now()})


def recording():
    return batches.recording(BATCH)


def remaining():
    return batches.remaining(BATCH)


def remove():
    """Remove the demo content; returns ``(removed, kept)``."""
    return batches.undo(BATCH)


def is_demo(instance):
    """Whether ``instance`` is demo content the owner has not changed."""
    return batches.unchanged(BATCH, instance)
