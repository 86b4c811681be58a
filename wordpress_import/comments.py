"""The comments of an imported post or page, with their threads.

A comment keeps the WordPress number it had (its import reference ends in
``#comment-N``), so a second run updates it in place and an old link to it
still lands on it. Parents are made before their replies; a thread that loops
(a comment that is its own ancestor, seen in real exports) is cut at its lowest
number, which becomes a comment on the post or page, with a warning. Jetpack's
"likes" are stored by WordPress as comments; they are not conversation, and are
counted as skipped.
"""

import html
import ipaddress

from django.utils.translation import gettext as _

from comments import targets
from comments.models import Comment
from core.sanitizer import comment_text, plain_line, safe_url

from .dates import parse_date

STATUSES = {"1": "approved", "0": "pending", "spam": "spam", "trash": "trash",
            "post-trashed": "trash"}
FIELDS = ["parent_id", "kind", "author_name", "author_email", "author_url", "body",
          "status", "submitted_at", "ip_address"]


def import_comments(target, item, site, report):
    """Create or update the comments of ``item`` under ``target`` (a post or a page)."""
    likes = [c for c in item.comments if c.get("wp:comment_type", "").strip() == "like"]
    if likes:
        report.count("skipped items", "Jetpack likes", len(likes))
    pending = {c.get("wp:comment_id", "").strip(): c for c in item.comments if c not in likes}
    if not pending:
        return
    existing = {c.import_ref: c for c in Comment.objects.filter(**targets.of(target))}
    done = {}
    while pending:
        ready = [cid for cid, c in pending.items()
                 if c.get("wp:comment_parent", "0").strip() in {"", "0", *done}
                 or c.get("wp:comment_parent", "").strip() not in pending]
        if not ready:
            ready = [min(pending, key=_number)]
            pending[ready[0]] = {**pending[ready[0]], "wp:comment_parent": "0"}
            report.about(item.label, f"comment {ready[0]} is its own ancestor; "
                         "imported as a comment on the post")
        for cid in sorted(ready, key=_number):
            done[cid] = _comment(target, pending.pop(cid), done, existing, site, report)


def _number(value):
    return int(value) if value.isdigit() else 0


def _comment(target, data, done, existing, site, report):
    cid = data.get("wp:comment_id", "").strip()
    if not cid.isdigit():
        raise ValueError("a comment has no numeric wp:comment_id")
    ref = f"{site}#comment-{cid}"
    comment = existing.get(ref) or Comment.objects.filter(import_ref=ref).first()
    created = comment is None
    if created:
        comment = Comment(import_ref=ref)
        comment.target = target
    before = [getattr(comment, name) for name in FIELDS]
    comment.parent = done.get(data.get("wp:comment_parent", "").strip())
    kind = data.get("wp:comment_type", "").strip() or "comment"
    comment.kind = kind if kind in Comment.Kind.values else Comment.Kind.COMMENT
    comment.author_name = (plain_line(html.unescape(data.get("wp:comment_author", "")))[:100]
                           or _("Anonymous"))
    comment.author_email = data.get("wp:comment_author_email", "").strip()[:254]
    comment.author_url = safe_url(data.get("wp:comment_author_url", ""))[:300]
    comment.body = comment_text(data.get("wp:comment_content", ""))[:5000]
    comment.status = STATUSES.get(data.get("wp:comment_approved", "0").strip(),
                                  Comment.Status.PENDING)
    comment.submitted_at = (parse_date(data.get("wp:comment_date_gmt"),
                                       data.get("wp:comment_date"))
                            or targets.opened_at(target))
    comment.ip_address = _ip(data.get("wp:comment_author_IP", ""))
    if created or before != [getattr(comment, name) for name in FIELDS]:
        comment.reason = _("Imported from WordPress.")
        comment.save()
        report.count("comments", "created" if created else "updated")
    else:
        report.count("comments", "unchanged")
    return comment


def _ip(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None
