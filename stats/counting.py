"""Counting one view: the rules of what counts, in one place.

Counted: a page of this site that a browser reports with the first-party beacon
(``static/js/count.js``), which runs after the page is shown, so pages served by the
front cache are counted too and the page itself costs nothing more. Not counted: bots
(by their user agent), browsers that send Do Not Track or Global Privacy Control, a
report from another site, and addresses that are not public pages (the admin, media,
feeds, made-up paths).
"""

import hashlib
import re
import secrets
from urllib.parse import urlsplit

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from core.client_ip import client_ip
from core.site_url import site_host

from . import titles
from .models import DailyPageCount, DailyReferrer, DailySalt, DailyVisitor

BOTS = re.compile(r"bot|crawl|spider|slurp|preview|headless|lighthouse|curl|wget|python|"
                  r"httpclient|java/|go-http|facebookexternalhit|monitor", re.IGNORECASE)


def wanted(request):
    """Whether this report may be counted at all."""
    agent = request.headers.get("User-Agent", "")
    if not agent or BOTS.search(agent):
        return False
    return request.headers.get("DNT") != "1" and request.headers.get("Sec-GPC") != "1"


def page_path(value):
    """``value`` as the path of a public page of this site, or ``None``."""
    path = (value or "")[:300]
    if not path.startswith("/") or path.startswith("//"):
        return None
    return path if titles.title_of(path) is not None else None


def count(request, path, referrer):
    today = timezone.localdate()
    digest = hashlib.sha256(
        f"{_salt(today)}|{client_ip(request)}|{request.headers.get('User-Agent', '')}".encode()
    ).hexdigest()
    for counted in ("", path):
        new_visitor = _first_visit(today, counted, digest)
        _add(DailyPageCount, {"day": today, "path": counted}, views=1, visitors=int(new_visitor))
    host = (urlsplit(referrer or "").hostname or "").lower()[:200]
    if host and host != site_host().split(":")[0]:
        _add(DailyReferrer, {"day": today, "host": host}, visits=1)


def _add(model, key, **amounts):
    """Add ``amounts`` to the day's row ``key`` of ``model``, made at 0 on first use, in one
    ``UPDATE`` so that views counted at once are all kept."""
    row, _ = model.objects.get_or_create(**key)
    model.objects.filter(pk=row.pk).update(
        **{name: F(name) + amount for name, amount in amounts.items()})


def _first_visit(day, path, digest):
    try:
        with transaction.atomic():
            DailyVisitor.objects.create(day=day, path=path, digest=digest)
        return True
    except IntegrityError:
        return False


def _salt(day):
    """Today's salt; made on the day's first view, when yesterday's salt and digests go."""
    found = DailySalt.objects.filter(day=day).values_list("salt", flat=True).first()
    if found:
        return found
    DailySalt.objects.filter(day__lt=day).delete()
    DailyVisitor.objects.filter(day__lt=day).delete()
    try:
        with transaction.atomic():
            return DailySalt.objects.create(day=day, salt=secrets.token_hex(32)).salt
    except IntegrityError:
        return DailySalt.objects.get(day=day).salt
