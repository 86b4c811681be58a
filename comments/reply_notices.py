"""Telling a commenter that someone answered them, as WordPress's "notify me of follow-up
comments" does, with nothing sent to an address its owner did not confirm.

A visitor ticks the box on the form. The first time for an address a confirmation link
is mailed (at most once a day per address, so the form cannot flood somebody else's
inbox); until its owner confirms, nothing else goes to it. Then, whenever a reply
anywhere below their comment is approved (never a held, spam or trashed one, and never
their own), the background worker mails them once: a ``ReplyNotice`` per reply and
address means approving twice sends once. Each mail has two links that work in one click
without signing in: stop mail about this post's discussion, and stop all reply mail.
"""

from datetime import timedelta

from django.core import signing
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import identity
from core.site_url import absolute

from . import targets
from .models import Comment, ReplyMailAddress, ReplyNotice
from .notifications import quote

CONFIRM_DAYS = 7
RESEND_AFTER = timedelta(days=1)
_CONFIRM, _STOP = "comments.replies.confirm", "comments.replies.stop"


def asked(comment):
    """``comment``'s writer ticked the box: mail the confirmation link when it is due."""
    email = comment.author_email.strip().lower()
    now = timezone.now()
    with transaction.atomic():
        address, _created = ReplyMailAddress.objects.select_for_update().get_or_create(
            email=email)
        if address.confirmed_at and not address.stopped_at:
            return
        if address.confirmation_sent_at and address.confirmation_sent_at > now - RESEND_AFTER:
            return
        address.confirmation_sent_at = now
        address.save(update_fields=["confirmation_sent_at"])
    link = absolute(reverse("comments:reply-mail-confirm",
                            args=[signing.dumps(email, salt=_CONFIRM)]))
    site = identity.current().site_name
    EmailMessage(_("Confirm reply mail from %(site)s") % {"site": site},
                 render_to_string("comments/email/reply_confirm.txt",
                                  {"link": link, "site_name": site, "days": CONFIRM_DAYS}),
                 None, [email]).send(fail_silently=True)


def confirm(token):
    """Confirm the address a link names; ``None`` when the link is forged or too old."""
    try:
        email = signing.loads(token, salt=_CONFIRM, max_age=CONFIRM_DAYS * 24 * 3600)
    except signing.BadSignature:
        return None
    ReplyMailAddress.objects.filter(email=email).update(confirmed_at=timezone.now(),
                                                        stopped_at=None)
    return email


def stop(token):
    """Stop what a mail's link names: one post's discussion, or all reply mail. Forged
    links do nothing and are answered alike."""
    try:
        email, comment_id = signing.loads(token, salt=_STOP)
    except (signing.BadSignature, ValueError, TypeError):
        return
    if comment_id is None:
        ReplyMailAddress.objects.filter(email=email).update(stopped_at=timezone.now())
        return
    comment = Comment.objects.filter(pk=comment_id).first()
    if comment is not None:
        Comment.objects.filter(author_email__iexact=email, **targets.of(comment.target)) \
            .update(notify_replies=False)


def watchers(reply):
    """The confirmed addresses that asked to hear of replies below ``reply``'s parents."""
    asking, parent = {}, reply.parent
    while parent is not None:
        email = parent.author_email.strip().lower()
        if parent.notify_replies and email != reply.author_email.strip().lower():
            asking.setdefault(email, parent)
        parent = parent.parent
    confirmed = set(ReplyMailAddress.objects.filter(
        email__in=asking, confirmed_at__isnull=False, stopped_at__isnull=True)
        .values_list("email", flat=True))
    return {email: comment for email, comment in asking.items() if email in confirmed}


def notify(reply_id):
    """Mail every watcher of an approved reply, once each."""
    reply = Comment.objects.select_related("post", "page", "parent").filter(pk=reply_id).first()
    if reply is None or not Comment.counts_as_approved(reply.state_now()) or not reply.parent_id:
        return 0
    sent = 0
    for email, watched in watchers(reply).items():
        try:
            with transaction.atomic():
                ReplyNotice.objects.create(reply=reply, email=email)
                _mail(reply, watched, email).send()
        except IntegrityError:
            continue
        sent += 1
    return sent


def _mail(reply, watched, email):
    site = identity.current().site_name
    stop_all = absolute(reverse("comments:reply-mail-stop",
                                args=[signing.dumps([email, None], salt=_STOP)]))
    context = {
        "reply": reply, "quoted_body": quote(reply.body), "site_name": site,
        "title": reply.target.title, "url": absolute(reply.get_absolute_url()),
        "stop_thread": absolute(reverse("comments:reply-mail-stop",
                                        args=[signing.dumps([email, watched.pk], salt=_STOP)])),
        "stop_all": stop_all,
    }
    return EmailMessage(
        _("New reply to your comment on “%(title)s”") % {"title": reply.target.title},
        render_to_string("comments/email/reply.txt", context), None, [email],
        headers={"List-Unsubscribe": f"<{stop_all}>",
                 "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"})
