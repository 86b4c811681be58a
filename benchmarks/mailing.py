"""Mailing benchmark: one post to 10,000 subscribers through a local SMTP server.

``benchmarks/run --mailing`` seeds a fresh SQLite database with 10,000 confirmed
subscribers and one new post, starts gunicorn with Varnish in front and the background
worker, and reports: mails per second through a real SMTP server (aiosmtpd, counting
only), the worker's peak memory (RSS), the home page's throughput through Varnish and
from gunicorn before and while the mail goes out, and the requests per second of the
statistics beacon (``/count/``, never cached). Nothing happens on import.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUBSCRIBERS = 10_000
SEED = f"""
from django.utils import timezone
from posts.models import Post
from subscriptions.models import Subscriber
Subscriber.objects.bulk_create(
    [Subscriber(email=f"lasare{{n}}@example.se", status="confirmed") for n in range({SUBSCRIBERS})],
    batch_size=1000)
Post.objects.create(title="Budgeten för 2027", body="Ett stycke om **budgeten**.",
                    status="published", published_at=timezone.now())
"""
BEACON = """wrk.method = "POST"
wrk.body = "p=/&r=https://mastodon.social/"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Origin"] = "{origin}"
wrk.headers["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Firefox/128.0"
"""


class Counter:
    def __init__(self):
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        return "250 OK"


def _rss_mib(pid):
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    line = next((x for x in status.splitlines() if x.startswith("VmRSS:")), "VmRSS: 0 kB")
    return int(line.split()[1]) / 1024


def _throughput(url, seconds=5, script=None):
    from benchmarks.load import parse

    command = ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", url]
    if script:
        command[1:1] = ["-s", str(script)]
    output = subprocess.run(command, capture_output=True, text=True, check=True,
                            timeout=seconds + 30).stdout
    return round(parse(output)["rps"])


def main():
    sys.path.insert(0, str(ROOT))
    from aiosmtpd.controller import Controller

    from benchmarks.servers import Gunicorn, Varnish, free_port

    work = Path(tempfile.mkdtemp(prefix="huddinge-mailing-"))
    counter = Counter()
    smtp = Controller(counter, hostname="127.0.0.1", port=free_port())
    smtp.start()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "huddinge_site.settings",
           "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "benchmark-" + "x" * 60,
           "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost", "DJANGO_SECURE_SSL_REDIRECT": "0",
           "DJANGO_HSTS_SECONDS": "0", "DJANGO_VAR_DIR": str(work),
           "DATABASE_URL": f"sqlite:///{work / 'mailing.sqlite3'}", "DJANGO_LOG_LEVEL": "WARNING",
           "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
           "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(smtp.port),
           "SUBSCRIPTION_MAILS_PER_SECOND": "100000", "CACHE_KEY_PREFIX": f"mail-{os.getpid()}"}
    env.pop("REDIS_URL", None)
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env,
                   check=True)
    public = f"http://127.0.0.1:{free_port()}"
    env.update(SITE_URL=public, FRONT_CACHE_URLS=public)
    server = Gunicorn(env)
    front = Varnish(server.port, work, env, port=int(public.rsplit(":", 1)[1]))
    beacon = work / "beacon.lua"
    beacon.write_text(BEACON.format(origin=server.url("")))
    subprocess.run(["curl", "-s", "-o", "/dev/null", front.url("/")], check=True)
    row = {"subscribers": SUBSCRIBERS,
           "front_cache_rps_before": _throughput(front.url("/")),
           "gunicorn_rps_before": _throughput(server.url("/")),
           "beacon_rps": _throughput(server.url("/count/"), script=beacon)}
    subprocess.run([*manage, "shell", "-c", SEED], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    worker = subprocess.Popen([*manage, "db_worker", "--no-reload", "--interval", "0.2",
                               "--no-startup-delay"], cwd=ROOT, env=env)
    started, peak = time.monotonic(), 0.0
    try:
        row["front_cache_rps_while_sending"] = _throughput(front.url("/"))
        row["gunicorn_rps_while_sending"] = _throughput(server.url("/"))
        while counter.count < SUBSCRIBERS and time.monotonic() - started < 900:
            peak = max(peak, _rss_mib(worker.pid))
            time.sleep(0.2)
        row["mails_sent"] = counter.count
        row["mails_per_second"] = round(counter.count / (time.monotonic() - started))
        row["worker_peak_rss_mib"] = round(peak)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        front.stop()
        server.stop()
        smtp.stop()
    print(json.dumps(row, indent=2))
    return row


if __name__ == "__main__":
    main()
