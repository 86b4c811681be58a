"""Turning a valid form into a stored comment, or a refusal the visitor can act on."""

from dataclasses import dataclass
from http import HTTPStatus

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.client_ip import client_ip

from . import moderation, notifications, reply_notices, targets
from .models import Comment, ModerationSettings


@dataclass
class Refused(Exception):
    message: str
    status: int = HTTPStatus.BAD_REQUEST


SUBMISSION_LOCK = 0x6875646469  # any constant shared by all workers


def _serialize_submissions():
    """Let one submission at a time run its flood and duplicate checks and insert.

    Without this, two simultaneous submissions could both pass the checks. On
    PostgreSQL a transaction-scoped advisory lock does it; SQLite's write
    transactions are already exclusive (``transaction_mode`` IMMEDIATE).
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SUBMISSION_LOCK])


def submit(form, target, request):
    """Store the comment in ``form`` under ``target`` (a post or a page), or raise
    ``Refused``.

    Runs in one transaction so that a flood or duplicate check and the insert
    see the same data; moderators hear of a held comment only once it is
    committed.
    """
    rules = ModerationSettings.current()
    data = form.cleaned_data
    if moderation.comments_closed(target, rules):
        closed = (_("Comments are closed on this page.") if targets.field(target) == "page"
                  else _("Comments are closed on this post."))
        raise Refused(closed, HTTPStatus.FORBIDDEN)
    parent = None
    if data.get("parent"):
        parent = Comment.objects.filter(pk=data["parent"]).first()
        problem = moderation.reply_problem(target, parent, rules)
        if problem:
            raise Refused(problem)
    comment = form.save(commit=False)
    comment.target, comment.parent = target, parent
    comment.ip_address = client_ip(request)
    comment.user_agent = request.META.get("HTTP_USER_AGENT", "")[:500]
    comment.submitted_at = timezone.now()
    if request.user.is_authenticated and request.user.is_staff:
        comment.user = request.user
    with transaction.atomic():
        _serialize_submissions()
        if moderation.is_flood(comment.ip_address, comment.author_email):
            raise Refused(
                _("You are posting comments too quickly. Wait a moment and try again."),
                HTTPStatus.TOO_MANY_REQUESTS,
            )
        if moderation.is_duplicate(
            target, parent, comment.author_name, comment.author_email, comment.body
        ):
            raise Refused(
                _("Duplicate comment detected; it looks as though you have already said that."),
                HTTPStatus.CONFLICT,
            )
        decision = moderation.decide(
            comment, rules, honeypot=data.get("homepage", ""),
            age=form.form_age(target),
            moderator=request.user.has_perm("comments.moderate_comment"),
        )
        comment.status, comment.reason = decision.status, decision.reason
        comment.save()
        if comment.status == Comment.Status.PENDING and rules.notify_moderators:
            transaction.on_commit(lambda: notifications.notify_held(comment))
        if comment.notify_replies and not form.account:
            transaction.on_commit(lambda: reply_notices.asked(comment))
    return comment
