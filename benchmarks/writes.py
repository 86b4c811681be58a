"""Writes while readers load the site: warm-page throughput through the front cache with
comments arriving and the editor saving, and how long each edit takes to show.

While wrk drives the home page through Varnish, one thread sends ``comments_per_second``
comments (each from its own address, through the front cache, as visitors do) and another
retitles the newest post every ``edit_every`` seconds, then polls the home page through
Varnish until the new title shows. The figures are the throughput beside the same run
without writes, and the longest and median time from an edit's commit to its visibility.
"""

import contextlib
import itertools
import statistics
import threading
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings

from benchmarks.load import measure
from comments.forms import sign_timestamp
from posts.models import Post


def comment_request(base, post, n, address, body):
    """Visitor ``n``'s comment ``body`` on ``post``, sent to the site at ``base`` from
    ``address`` (behind a proxy that adds it), with a form loaded a minute ago."""
    data = urllib.parse.urlencode({
        "author_name": f"Läsare {n}", "author_email": f"lasare{n}@example.se",
        "body": body,
        "timestamp": sign_timestamp(post, time.time() - 60),
    }).encode()
    return urllib.request.Request(f"{base}/comments/post/{post.pk}/", data=data,
                                  headers={"Origin": base, "X-Forwarded-For": address})


def _comment(front, post, n, sent):
    request = comment_request(front.url(""), post, n, f"10.1.{n // 250}.{n % 250}",
                              f"Kommentar nummer {n} under last.")
    with contextlib.suppress(OSError):
        urllib.request.urlopen(request, timeout=10).close()
        sent.append(n)


def _comments(front, post, per_second, stop, sent):
    """One comment every ``1 / per_second`` seconds, each from its own address, however
    long the previous one takes to be answered."""
    with ThreadPoolExecutor(max_workers=8) as pool:
        for n in itertools.count(1):
            if stop.wait(1 / per_second):
                return
            pool.submit(_comment, front, post, n, sent)


def _edits(front, every, stop, delays):
    post = Post.objects.published().order_by("-published_at").first()
    for n in itertools.count(1):
        if stop.wait(every):
            return
        title = f"Ny rubrik {n} {time.time():.0f}"
        post.title = title
        post.save(update_fields=["title", "updated_at"])
        committed = time.monotonic()
        while title not in _home(front) and time.monotonic() - committed < 30:
            time.sleep(0.01)
        delays.append(time.monotonic() - committed)


def _home(front):
    with urllib.request.urlopen(front.url("/"), timeout=10) as response:
        return response.read().decode()


def under_writes(front, post, load, comments_per_second=10, edit_every=10):
    """Throughput of the home page through ``front`` with and without writes."""
    settings.FRONT_CACHE_URLS = [front.url("")]
    quiet = measure(**{**load, "url": front.url("/")})
    stop, sent, delays = threading.Event(), [], []
    writers = [
        threading.Thread(target=_comments, args=(front, post, comments_per_second, stop, sent)),
        threading.Thread(target=_edits, args=(front, edit_every, stop, delays)),
    ]
    for thread in writers:
        thread.start()
    started = time.monotonic()
    try:
        busy = measure(**{**load, "url": front.url("/")})
    finally:
        stop.set()
        for thread in writers:
            thread.join()
    elapsed = time.monotonic() - started
    return {
        "quiet_rps": quiet["rps"], "busy_rps": busy["rps"],
        "drop": round(1 - busy["rps"] / quiet["rps"], 3),
        "comments_per_second": round(len(sent) / elapsed, 1),
        "edits": len(delays),
        "visible_max_s": round(max(delays), 3) if delays else None,
        "visible_median_s": round(statistics.median(delays), 3) if delays else None,
        "busy": busy, "quiet": quiet,
    }
