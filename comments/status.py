"""A moderator's decision on comments: the one way a comment's status changes.

Bulk actions, the change form and replies all come here, so every decision
records who made it, when and why, and reaches the comment counts and the page
cache the same way. Comments are saved one by one (inside one batch for the
counts and the cache), because ``save`` is where what was public before and
after is compared (``huddinge_site.invalidation``). The rows are locked first,
so when two moderators decide on the same comment at once, the second sees the
first's decision and changes nothing.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import page_cache

from . import counts


def set_status(comments, status, moderator, reason=None):
    """Give ``comments`` (a queryset) ``status``; returns how many changed."""
    reason = reason or _("Set by %(name)s.") % {"name": moderator.get_username()}
    with transaction.atomic(), page_cache.batched(), counts.batched():
        changing = list(comments.exclude(status=status).select_related("post", "page")
                        .select_for_update(of=("self",)))
        now = timezone.now()
        for comment in changing:
            comment.status, comment.reason = status, reason
            comment.moderated_at, comment.moderated_by = now, moderator
            comment.save()
    return len(changing)
