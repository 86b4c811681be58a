"""One-click decisions from the moderator's e-mail (*Godkänn*, *Skräp*, *Papperskorg*).

A link carries a signed token naming the comment, the decision, and the status and
time of the last decision the comment had when the mail was sent. Following it needs
a signed-in moderator (the admin asks to sign in first and then comes back), so a
forwarded mail decides nothing; it only shows the comment with a button: the
decision is a POST, since mail scanners and link previews follow every GET. It
expires after ``LINK_DAYS``, and it works once: any decision since the mail, even
one that brought the comment back to the same status, changes the time it names.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Comment

LINK_DAYS = 7
_SALT = "comments.mail-decision"
DECISIONS = {
    Comment.Status.APPROVED: _("Approve"),
    Comment.Status.SPAM: _("Mark as spam"),
    Comment.Status.TRASH: _("Move to the trash"),
}


def _decided_at(comment):
    return comment.moderated_at.isoformat() if comment.moderated_at else None


def decision_url(comment, wanted):
    token = signing.dumps({"c": comment.pk, "s": wanted, "was": comment.status,
                           "at": _decided_at(comment)}, salt=_SALT)
    return settings.SITE_URL + reverse("admin:comments_comment_decide_by_mail",
                                       args=[comment.pk, token])


def read(token, pk):
    """The decision a valid, unexpired link to comment ``pk`` asks for, or ``None``."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=timedelta(days=LINK_DAYS))
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("c") != pk or data.get("s") not in DECISIONS:
        return None
    return data


def still_open(link, comment):
    """Whether nobody has decided on ``comment`` since the mail with ``link`` was sent."""
    return comment.status == link.get("was") and _decided_at(comment) == link.get("at")
