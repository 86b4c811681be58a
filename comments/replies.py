"""The site owner's reply from the admin: WordPress's "Approve and reply".

A moderator reading the queue often wants to answer a comment there and then.
The reply is written as the logged-in user and approved at once, for the same
reason the module ``moderation`` approves a moderator's comment on the site.
Replying to a held comment approves it first: a public answer under a comment
nobody can see would make no sense. Spam and trashed comments must be restored
before anyone answers them, and the depth limit of the discussion settings
holds here as on the site. Comments closed on the post do not stop the owner,
as they do not in WordPress: closing is meant for visitors.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import moderation, status
from .models import Comment, ModerationSettings


def reply_problem(parent, rules):
    """Why the moderator cannot answer ``parent`` under the discussion ``rules``, or ``None``."""
    if parent.status not in (Comment.Status.PENDING, Comment.Status.APPROVED):
        return _("Restore the comment from spam or trash before answering it.")
    return moderation.cannot_be_answered(parent, rules)


def reply(parent, user, body):
    """Store ``user``'s approved answer to ``parent``; returns it.

    Raises ``ValidationError`` with the reason when ``parent`` cannot be answered.
    """
    problem = reply_problem(parent, ModerationSettings.current())
    if problem:
        raise ValidationError(problem)
    with transaction.atomic():
        if parent.status == Comment.Status.PENDING:
            status.set_status(Comment.objects.filter(pk=parent.pk), Comment.Status.APPROVED, user)
        return Comment.objects.create(
            post=parent.post, page=parent.page, parent=parent, user=user,
            author_name=user.get_full_name() or user.get_username(),
            author_email=user.email,
            body=body,
            status=Comment.Status.APPROVED,
            reason=_("Written by a moderator."),
            submitted_at=timezone.now(),
            moderated_at=timezone.now(),
            moderated_by=user,
        )
