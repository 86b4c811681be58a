"""A commenter's rights under GDPR: see what is stored about them, and have it erased.

Comments are found by e-mail address, case-insensitively. Erasing anonymises
rather than deletes by default, so that replies to the comment keep their place
in the thread; ``remove_text`` also blanks what they wrote.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import page_cache

from .models import Comment

ANONYMOUS_EMAIL = "anonym@invalid"


def export(email):
    fields = ["id", "post__title", "author_name", "author_email", "author_url", "body",
              "status", "submitted_at", "ip_address", "user_agent"]
    return list(Comment.objects.filter(author_email__iexact=email).values(*fields))


@transaction.atomic
def erase(email, remove_text=False):
    changes = {
        "author_name": _("Anonymous"),
        "author_email": ANONYMOUS_EMAIL,
        "author_url": "",
        "ip_address": None,
        "user_agent": "",
    }
    if email.lower() == ANONYMOUS_EMAIL:
        return 0
    count = 0
    with page_cache.batched():
        for comment in Comment.objects.filter(author_email__iexact=email).select_related("post"):
            for field, value in changes.items():
                setattr(comment, field, value)
            if remove_text:
                comment.body = _("[removed at the commenter's request]")
            comment.save()
            count += 1
    return count


def purge_ip_addresses(days=60):
    cutoff = timezone.now() - timedelta(days=days)
    return (
        Comment.objects.filter(submitted_at__lt=cutoff)
        .exclude(ip_address=None, user_agent="")
        .update(ip_address=None, user_agent="")
    )
