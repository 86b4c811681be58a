"""A commenter's rights under GDPR: see what is stored about them, and have it erased.

Comments are found by e-mail address, case-insensitively. Erasing anonymises
rather than deletes by default, so that replies to the comment keep their place
in the thread; ``remove_text`` also blanks what they wrote.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from huddinge_site import page_cache
from posts.models import Post

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
    comments = Comment.objects.filter(author_email__iexact=email)
    if not remove_text:
        posts = Post.objects.filter(pk__in=comments.values("post_id")).only("slug", "published_at")
        page_cache.invalidate_posts([post.get_absolute_url() for post in posts], comments=True)
        return comments.update(**changes)
    count = 0
    for comment in comments:
        for field, value in changes.items():
            setattr(comment, field, value)
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
