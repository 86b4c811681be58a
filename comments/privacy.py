"""A commenter's rights under GDPR: see what is stored about them, and have it erased.

Comments are found by e-mail address, compared in one normal form
(``normal_address``): ASCII letters of any case are the same, nothing else is. A
database's own case-insensitive match is not used to decide: PostgreSQL upper-cases
the dotless i (U+0131) of an attacker's look-alike domain to ``I`` and would hand them the
comments of ``gmail.com``. An address is only what a
visitor typed, so a request is never carried out on a moderator's word alone: it is
recorded as a ``PrivacyRequest`` and a confirmation link is mailed to the address, as
WordPress does. Following the link and confirming carries it out: the export is mailed
to that same address, never handed to whoever asked, and erasure anonymises rather
than deletes, so that replies keep their place in the thread (``remove_text`` also
blanks what was written). Both cover the address's e-mail subscription too: the export
attaches what is kept of it, and erasure deletes it. Until then the moderator sees
which comments it would touch.
"""

import json
import unicodedata
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage, send_mail
from django.db import transaction
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import identity, page_cache
from subscriptions import privacy as subscribers

from .models import Comment, PrivacyRequest, ReplyMailAddress, ReplyNotice

ANONYMOUS_EMAIL = "anonym@invalid"
CONFIRMATION_DAYS = 7
_SALT = "comments.privacy-request"


def _label(label, to_ascii):
    if label.isascii():
        label = label.lower()
        if not to_ascii and label.startswith("xn--"):
            try:
                return label[4:].encode().decode("punycode")
            except UnicodeError:
                return label
        return label
    label = unicodedata.normalize("NFC", label).lower()
    return "xn--" + label.encode("punycode").decode() if to_ascii else label


def normal_address(email, to_ascii=False):
    """``email`` as compared: the local part with ASCII letters lower-cased (no other
    character changed: a dotless i is not ``i``), the domain label by label, lower-cased and
    in Unicode (``to_ascii``: in its ``xn--`` form), so both spellings of one domain
    name are one address."""
    local, at, domain = email.strip().rpartition("@")
    local = "".join(c.lower() if c.isascii() else c for c in local)
    labels = [_label(label, to_ascii) for label in domain.rstrip(".").split(".")]
    return local + at + ".".join(labels)


def comments_of(email):
    """The comments left under exactly this address (see ``normal_address``)."""
    wanted = normal_address(email)
    local = wanted.rpartition("@")[0]
    candidates = Comment.objects.filter(author_email__istartswith=local + "@")
    ids = [pk for pk, address in candidates.values_list("pk", "author_email")
           if normal_address(address) == wanted]
    return Comment.objects.filter(pk__in=ids)


def export(email):
    """The stored comments under ``email``, each with the title it was written under."""
    fields = ["id", "title", "author_name", "author_email", "author_url", "body",
              "status", "submitted_at", "ip_address", "user_agent"]
    titled = comments_of(email).annotate(title=Coalesce("post__title", "page__title"))
    return list(titled.values(*fields))


def open_request(privacy_request):
    """Record a new request and mail its confirmation link to its address once committed."""
    privacy_request.save()
    transaction.on_commit(lambda: send_confirmation(privacy_request))
    return privacy_request


def confirmation_url(privacy_request):
    token = signing.dumps(privacy_request.pk, salt=_SALT)
    return settings.SITE_URL + reverse("comments:privacy-confirm", args=[token])


def send_confirmation(privacy_request):
    context = {"request": privacy_request, "url": confirmation_url(privacy_request),
               "days": CONFIRMATION_DAYS, "site_name": identity.current().site_name}
    subject = _("[%(site)s] Confirm your request: %(kind)s") % {
        "site": identity.current().site_name, "kind": privacy_request.get_kind_display().lower()}
    body = render_to_string("comments/email/privacy_confirm.txt", context)
    return send_mail(subject, body, None, [privacy_request.email])


def pending_request(token):
    """The request a confirmation link names, or ``None`` if forged, expired or done."""
    try:
        pk = signing.loads(token, salt=_SALT, max_age=timedelta(days=CONFIRMATION_DAYS))
    except signing.BadSignature:
        return None
    return PrivacyRequest.objects.filter(pk=pk, status=PrivacyRequest.Status.PENDING).first()


@transaction.atomic
def carry_out(privacy_request):
    """Do what the owner of the address confirmed; a second confirmation does nothing."""
    locked = PrivacyRequest.objects.select_for_update().get(pk=privacy_request.pk)
    if locked.status == PrivacyRequest.Status.DONE:
        return locked
    if locked.kind == PrivacyRequest.Kind.EXPORT:
        affected = _mail_export(locked.email)
    else:
        affected = erase(locked.email, remove_text=locked.remove_text)
    locked.status = PrivacyRequest.Status.DONE
    locked.confirmed_at = timezone.now()
    locked.comments_affected = affected
    locked.save()
    return locked


def _mail_export(email):
    data = export(email)
    message = EmailMessage(
        _("[%(site)s] Your personal data") % {"site": identity.current().site_name},
        render_to_string("comments/email/privacy_export.txt",
                         {"count": len(data), "site_name": identity.current().site_name}),
        None, [email],
    )
    message.attach("personuppgifter.json",
                   json.dumps(data, ensure_ascii=False, indent=2, default=str),
                   "application/json")
    subscription = subscribers.record(email)
    if subscription:
        message.attach("prenumeration.json",
                       json.dumps(subscription, ensure_ascii=False, indent=2, default=str),
                       "application/json")
    message.send()
    return len(data)


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
        for comment in comments_of(email).select_related("post", "page"):
            for field, value in changes.items():
                setattr(comment, field, value)
            if remove_text:
                comment.body = _("[removed at the commenter's request]")
            comment.save()
            count += 1
    subscribers.forget(email)
    address = email.strip().lower()
    ReplyMailAddress.objects.filter(email=address).delete()
    ReplyNotice.objects.filter(email=address).delete()
    return count


def purge_ip_addresses(days=60):
    cutoff = timezone.now() - timedelta(days=days)
    return (
        Comment.objects.filter(submitted_at__lt=cutoff)
        .exclude(ip_address=None, user_agent="")
        .update(ip_address=None, user_agent="")
    )
