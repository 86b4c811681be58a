"""gunicorn's settings, the one place ``scripts/serve``, the systemd unit in ``deploy/`` and the
benchmark read them from (``gunicorn -c python:huddinge_site.gunicorn_config``).

One single-threaded (sync) worker per core, at least two: a sync worker takes a connection
only when it is free, so no request waits behind a busy worker while another idles
(docs/caching-and-benchmark.md). ``GUNICORN_WORKERS`` and ``GUNICORN_THREADS`` change that;
with more than one thread gunicorn makes the workers gthread. The application is loaded once
before the workers fork (``preload_app``), so they share its memory.
"""

import os
from collections.abc import Mapping


def worker_count(environ: Mapping[str, str] = os.environ) -> int:
    return int(environ.get("GUNICORN_WORKERS") or max(2, len(os.sched_getaffinity(0))))


wsgi_app = "huddinge_site.wsgi"
bind = ["127.0.0.1:8001"]
workers = worker_count()
threads = int(os.environ.get("GUNICORN_THREADS") or 1)
preload_app = True
