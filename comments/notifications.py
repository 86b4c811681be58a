"""E-mail to moderators about held comments, in Swedish, after the comment is committed."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from core import identity

from . import mail_links

logger = logging.getLogger(__name__)


def moderator_addresses():
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    can_moderate = (
        Q(is_superuser=True)
        | Q(user_permissions__codename="moderate_comment")
        | Q(groups__permissions__codename="moderate_comment")
    )
    return sorted(set(users.filter(can_moderate).values_list("email", flat=True)))


def quote(text):
    """The visitor's text with every line marked, so nothing in it can pass for the
    mail's own links or signature; the real link comes before it."""
    return "\n".join(f"> {line}" for line in text.splitlines() or [""])


def notify_held(comment):
    """Tell moderators a comment waits; a failing mail server is logged, never raised."""
    recipients = moderator_addresses()
    if not recipients:
        return 0
    context = {
        "comment": comment,
        "target": comment.target,
        "admin_url": settings.SITE_URL + comment.get_admin_url(),
        "decisions": [(label, mail_links.decision_url(comment, wanted))
                      for wanted, label in mail_links.DECISIONS.items()],
        "quoted_body": quote(comment.body),
        "site_name": identity.current().site_name,
    }
    subject = _("[%(site)s] Comment awaiting moderation: “%(title)s”") % {
        "site": identity.current().site_name, "title": comment.target.title,
    }
    body = render_to_string("comments/email/held.txt", context)
    try:
        return send_mail(subject, body, None, recipients)
    except Exception:
        logger.exception("Could not send moderation e-mail for comment %s", comment.pk)
        return 0
