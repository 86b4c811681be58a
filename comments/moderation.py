"""What happens to a comment a visitor sends: the moderation rules, in one place.

Nothing a visitor writes is public until a moderator approves it, unless the
moderator has chosen otherwise in the discussion settings (the
``ModerationSettings`` row, edited in the admin, so no deploy is needed).

A submission meets three kinds of check, in this order:

1. **Refusals** stop the submission and send the form back with the visitor's
   text intact: comments closed on the post (or page: pages take comments under
   the same rules, see ``targets``), a reply to a comment that is not an
   approved comment of the same post or that would nest too deep, flood
   (another comment from the same IP address or e-mail address within
   ``FLOOD_SECONDS``, as WordPress does) and duplicates (same post, same
   parent, same author, same text).
2. **Spam signs** store the comment as spam, so a moderator can still rescue
   a false positive: a filled-in honeypot field, a form sent back faster than
   a person can type (``MIN_SECONDS`` after the signed timestamp was made), a
   timestamp that is tampered with or was made for another post, or a match
   on the disallowed-words list.
3. **Hold rules** keep it pending: a form older than ``MAX_FORM_AGE``, a
   match on the moderation-words list, too many links, or simply "hold
   everything" (the default). A commenter with an approved comment under the
   same name and e-mail may be approved directly if the moderator turned that
   on.

A comment written by a logged-in user who may moderate comments (the site
owner replying under a post) is approved at once: holding it would only ask
the same person to approve it.

Word lists match case-insensitively against name, e-mail, website, IP address
and text, one entry per line, as in WordPress.

The timestamp (``forms.sign_timestamp``) is signed, not stored, and its
window is generous (``MAX_FORM_AGE``) because the post page may come from a
cache that is hours old; only "too fast" marks a bot, and an older form is
held, as WordPress holds what it doubts. For the same reason the comment form
carries no CSRF token: the view instead checks that the browser sent the form
from this site (``Origin`` or ``Referer``), which works on a cached page.

Every decision writes its reason on the comment, shown to the moderator. A
moderator's later decision is made by ``status.set_status``.
"""

import re
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import targets
from .models import Comment

FLOOD_SECONDS = 15
MIN_SECONDS = 3
MAX_FORM_AGE = timedelta(days=7)
_LINK = re.compile(r"https?://|www\.", re.IGNORECASE)


@dataclass(frozen=True)
class Decision:
    status: str
    reason: str


def comments_closed(target, rules):
    if not (target.is_public and target.comments_open):
        return True
    if rules.close_after_days:
        opened = targets.opened_at(target)
        return opened < timezone.now() - timedelta(days=rules.close_after_days)
    return False


def reply_problem(target, parent, rules):
    """Why ``parent`` (``None`` when it was not found) cannot be replied to, or ``None``."""
    if (parent is None or not targets.is_under(parent, target)
            or parent.status != Comment.Status.APPROVED):
        return _("The comment you are replying to does not exist.")
    return cannot_be_answered(parent, rules)


def cannot_be_answered(parent, rules):
    """What keeps anyone, visitor or moderator, from answering ``parent``, or ``None``:
    pingbacks and trackbacks are not conversation, and replies nest only so deep."""
    if parent.kind not in Comment.CONVERSATION:
        return _("Pingbacks and trackbacks cannot be answered.")
    if parent.depth >= rules.max_depth:
        return _("Replies cannot be nested deeper here.")
    return None


def is_flood(ip_address, email, now=None):
    since = (now or timezone.now()) - timedelta(seconds=FLOOD_SECONDS)
    same_sender = Q(author_email__iexact=email)
    if ip_address:
        same_sender |= Q(ip_address=ip_address)
    return Comment.objects.filter(same_sender, submitted_at__gte=since).exists()


def is_duplicate(target, parent, name, email, body):
    return (
        Comment.objects.filter(parent=parent, body=body, **targets.of(target))
        .filter(Q(author_name__iexact=name) | Q(author_email__iexact=email))
        .exclude(status=Comment.Status.TRASH)
        .exists()
    )


def _word_list(text):
    return [line.strip().casefold() for line in (text or "").splitlines() if line.strip()]


def _first_match(words, comment):
    haystack = "\n".join(
        [comment.author_name, comment.author_email, comment.author_url,
         comment.ip_address or "", comment.body]
    ).casefold()
    return next((word for word in _word_list(words) if word in haystack), None)


def count_links(text):
    return len(_LINK.findall(text or ""))


def decide(comment, rules, honeypot="", age=None, moderator=False):
    """The status a new comment gets and why; see the module docstring for the order."""
    if moderator:
        return Decision(Comment.Status.APPROVED, _("Written by a moderator."))
    if honeypot:
        return Decision(Comment.Status.SPAM, _("The hidden honeypot field was filled in."))
    if age is None:
        return Decision(Comment.Status.SPAM, _("The form's timestamp was missing or forged."))
    if age < MIN_SECONDS:
        return Decision(
            Comment.Status.SPAM,
            ngettext("Sent %(seconds)d second after the form was shown.",
                     "Sent %(seconds)d seconds after the form was shown.", int(age))
            % {"seconds": age},
        )
    word = _first_match(rules.disallowed_words, comment)
    if word:
        return Decision(Comment.Status.SPAM, _("Contains the disallowed word “%s”.") % word)
    if age > MAX_FORM_AGE.total_seconds():
        return Decision(Comment.Status.PENDING,
                        _("The form was older than %(days)d days.") % {"days": MAX_FORM_AGE.days})
    word = _first_match(rules.moderation_words, comment)
    if word:
        return Decision(Comment.Status.PENDING, _("Contains the moderation word “%s”.") % word)
    links = count_links(comment.body)
    if rules.link_limit and links >= rules.link_limit:
        return Decision(Comment.Status.PENDING, _("Contains %(n)d links.") % {"n": links})
    if not rules.hold_all:
        return Decision(Comment.Status.APPROVED, _("Approved automatically."))
    if rules.approve_known_commenters and _has_approved_comment(comment):
        return Decision(Comment.Status.APPROVED, _("The commenter has an approved comment."))
    return Decision(Comment.Status.PENDING, _("Every comment is held for moderation."))


def _has_approved_comment(comment):
    return Comment.objects.filter(
        author_name__iexact=comment.author_name,
        author_email__iexact=comment.author_email,
        status=Comment.Status.APPROVED,
    ).exists()
