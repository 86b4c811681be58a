"""The two cookies the comment form uses, both signed and HttpOnly.

``comment_author`` remembers name, e-mail and website, and is only set when the
visitor ticks the consent box. ``comment_pending`` lists the visitor's own
comments awaiting moderation, so that this browser alone can show them.
"""

from django.conf import settings
from django.core import signing

AUTHOR_COOKIE = "comment_author"
PENDING_COOKIE = "comment_pending"
AUTHOR_MAX_AGE = 365 * 24 * 3600
PENDING_MAX_AGE = 14 * 24 * 3600
PENDING_LIMIT = 20


def _read(request, name, max_age):
    try:
        return signing.loads(request.COOKIES.get(name, ""), salt=name, max_age=max_age)
    except signing.BadSignature:
        return None


def _write(response, name, value, max_age):
    response.set_cookie(
        name, signing.dumps(value, salt=name), max_age=max_age, httponly=True,
        samesite="Lax", secure=settings.SESSION_COOKIE_SECURE,
    )


def remembered_author(request):
    value = _read(request, AUTHOR_COOKIE, AUTHOR_MAX_AGE)
    if not (isinstance(value, list) and len(value) == 3):
        return {}
    name, email, url = (str(part) for part in value)
    return {"author_name": name, "author_email": email, "author_url": url, "remember": True}


def remember_author(response, comment, remember):
    if remember:
        value = [comment.author_name, comment.author_email, comment.author_url]
        _write(response, AUTHOR_COOKIE, value, AUTHOR_MAX_AGE)
    else:
        response.delete_cookie(AUTHOR_COOKIE, samesite="Lax")


def pending_ids(request):
    value = _read(request, PENDING_COOKIE, PENDING_MAX_AGE)
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, int)]


def add_pending(request, response, comment):
    ids = [*pending_ids(request), comment.pk][-PENDING_LIMIT:]
    _write(response, PENDING_COOKIE, ids, PENDING_MAX_AGE)
