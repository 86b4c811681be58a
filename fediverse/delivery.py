"""Sending activities to other servers, signed, from the background worker only.

A post becoming public, an edit and a deletion each make one activity, sent to
every follower's server once (a server's shared inbox stands for all its
followers). The first tries go out ``PARALLEL`` at a time, a task for every batch of
servers; a server that fails gets a task of its own, tried again after ``BACKOFF``
(about four days in all), then given up, and the server is taken for dead: it is sent
nothing for ``DEAD_FOR`` unless it is heard from first. A slow or dead server holds up
nothing but its own delivery, never a request and never another server.
"""

import json
import logging
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from urllib.parse import urlsplit

from django.utils import timezone

from . import remote
from .models import Follower, RemoteActor, Unreachable

logger = logging.getLogger(__name__)
BACKOFF = [timedelta(minutes=minutes) for minutes in (1, 5, 30, 120, 480, 1440, 2880)]
DEAD_FOR = timedelta(days=7)
PARALLEL = 16


class Failed(Exception):
    pass


def inboxes():
    """One inbox per server: the shared one where the server has it."""
    found = set()
    for follower in Follower.objects.select_related("actor"):
        found.add(follower.actor.delivery_inbox)
    return sorted(found)


def _host(inbox):
    return urlsplit(inbox).hostname or ""


def dead(inboxes):
    """Those of ``inboxes`` on a server taken for dead."""
    hosts = Unreachable.objects.filter(since__gt=timezone.now() - DEAD_FOR).values_list(
        "domain", flat=True)
    gone = set(hosts.filter(domain__in={_host(inbox) for inbox in inboxes}))
    return {inbox for inbox in inboxes if _host(inbox) in gone}


def given_up(inbox):
    Unreachable.objects.update_or_create(domain=_host(inbox))


def heard_from(domain):
    """A signed activity came from ``domain``: it is alive. Read before written, since
    nearly every server is, and a write per activity would queue on SQLite's one lock."""
    if Unreachable.objects.filter(domain=domain).exists():
        Unreachable.objects.filter(domain=domain).delete()


def post(inbox, activity):
    """POST ``activity`` to ``inbox``, signed; raises ``Failed``."""
    problem = post_many([inbox], activity)[inbox]
    if problem:
        raise Failed(problem)


def post_many(inboxes, activity):
    """POST ``activity`` to each of ``inboxes`` at once (``PARALLEL`` at a time), signed;
    returns what went wrong with each (``None`` for a delivery taken).

    A server known to take RFC 9421 gets it; if it refuses, it gets the draft Mastodon
    signs with, and is not sent RFC 9421 again until it says it takes it. The database is
    read and written here, never in the sending threads."""
    body = json.dumps(activity).encode()
    key = remote.signer()
    modern = set(RemoteActor.objects.filter(
        domain__in={_host(inbox) for inbox in inboxes}, takes_rfc9421=True,
    ).values_list("domain", flat=True))
    refused_modern = set()

    def one(inbox):
        try:
            status = _send(inbox, body, key, _host(inbox) in modern)
            if _host(inbox) in modern and status in (400, 401, 403):
                refused_modern.add(_host(inbox))
                status = _send(inbox, body, key, False)
        except Failed as error:
            return str(error)
        return None if 200 <= status < 300 else f"{inbox} answered {status}"

    with ThreadPoolExecutor(max_workers=max(1, min(PARALLEL, len(inboxes)))) as pool:
        problems = dict(zip(inboxes, pool.map(one, inboxes), strict=True))
    if refused_modern:
        RemoteActor.objects.filter(domain__in=refused_modern).update(takes_rfc9421=False)
    return problems


def _send(inbox, body, key, rfc9421):
    try:
        status, _answer = remote.exchange(
            inbox, "POST", headers={"Content-Type": "application/activity+json"},
            body=body, limit=64 * 1024, key=key, rfc9421=rfc9421)
    except remote.Unusable as error:
        raise Failed(str(error)) from error
    return status
