"""Sending activities to other servers, signed, from the background worker only.

A post becoming public, an edit and a deletion each make one activity, sent to
every follower's server once (a server's shared inbox stands for all its
followers). Each inbox is one task: a slow or dead server holds up nothing but its
own task, never a request and never another server. A failed delivery is tried
again after ``BACKOFF`` (about four days in all), then given up.
"""

import json
import logging
from datetime import timedelta

from . import remote
from .models import Follower

logger = logging.getLogger(__name__)
BACKOFF = [timedelta(minutes=minutes) for minutes in (1, 5, 30, 120, 480, 1440, 2880)]


class Failed(Exception):
    pass


def inboxes():
    """One inbox per server: the shared one where the server has it."""
    found = set()
    for follower in Follower.objects.select_related("actor"):
        found.add(follower.actor.shared_inbox or follower.actor.inbox)
    return sorted(found)


def post(inbox, activity):
    """POST ``activity`` to ``inbox``, signed; raises ``Failed``."""
    body = json.dumps(activity).encode()
    try:
        status, _answer = remote.exchange(
            inbox, "POST", headers={"Content-Type": "application/activity+json"},
            body=body, limit=64 * 1024, signed=True)
    except remote.Unusable as error:
        raise Failed(str(error)) from error
    if not 200 <= status < 300:
        raise Failed(f"{inbox} answered {status}")
