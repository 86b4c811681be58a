"""One-click decisions from the moderator's e-mail (*Godkänn*, *Skräp*, *Papperskorg*).

A link carries a signed token naming the comment, the decision and the status the
comment had when the mail was sent. Following it needs a signed-in moderator (the
admin asks to sign in first and then comes back), so a mail scanner or a forwarded
mail decides nothing; it expires after ``LINK_DAYS``; and it works only while the
comment still has the status it had when the mail was sent, so it cannot be
replayed after anyone has decided.
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


def decision_url(comment, wanted):
    token = signing.dumps({"c": comment.pk, "s": wanted, "was": comment.status}, salt=_SALT)
    return settings.SITE_URL + reverse("admin:comments_comment_decide_by_mail",
                                       args=[comment.pk, token])


def read(token, pk):
    """``(wanted, status_when_sent)`` for a valid, unexpired link to comment ``pk``,
    or ``None``."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=timedelta(days=LINK_DAYS))
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("c") != pk or data.get("s") not in DECISIONS:
        return None
    return data["s"], data.get("was")
