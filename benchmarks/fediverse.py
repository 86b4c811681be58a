"""Fediverse benchmark: one post delivered to 5,000 followers on 500 servers.

``benchmarks/run --fediverse`` seeds a fresh SQLite database with 5,000 followers
spread over 500 servers (each a shared inbox on one loopback listener that counts
what arrives), starts gunicorn with Varnish in front and the background worker,
publishes one post, and reports: deliveries per second (one signed POST per server,
counted from the worker's start to the last arrival, while the home page is loaded),
the worker's peak memory (RSS), and the home page's throughput through Varnish and
from gunicorn before and while the post goes out. Nothing happens on import.
"""

import asyncio
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVERS, PER_SERVER = 500, 10
SEED = """
from django.utils import timezone
from fediverse.models import Follower, RemoteActor
base = "{base}"
actors = RemoteActor.objects.bulk_create([
    RemoteActor(uri=f"{{base}}/s{{s}}/users/u{{u}}", domain=f"s{{s}}.example",
                inbox=f"{{base}}/s{{s}}/users/u{{u}}/inbox", shared_inbox=f"{{base}}/s{{s}}/inbox",
                key_id=f"{{base}}/s{{s}}/users/u{{u}}#main-key", public_pem="-",
                fetched_at=timezone.now())
    for s in range({servers}) for u in range({per_server})], batch_size=1000)
Follower.objects.bulk_create([Follower(actor=a, follow_id=a.uri + "#follow") for a in actors],
                             batch_size=1000)
"""
PUBLISH = """
from django.utils import timezone
from posts.models import Post
Post.objects.create(title="Budgeten för 2027", body="Ett stycke om **budgeten**.",
                    status="published", published_at=timezone.now())
"""


class Inboxes:
    """One loopback listener standing for every follower's server: it counts POSTs and
    notes when the last one came."""

    def __init__(self, port):
        self.port, self.count, self.last_at = port, 0, 0.0
        self.loop = asyncio.new_event_loop()

    async def _inbox(self, request):
        await request.read()
        self.count += 1
        self.last_at = time.monotonic()
        from aiohttp import web

        return web.Response(status=202)

    def start(self):
        from aiohttp import web

        app = web.Application()
        app.router.add_post("/{server}/inbox", self._inbox)
        runner = web.AppRunner(app, access_log=None)
        ready = threading.Event()

        def serve():
            asyncio.set_event_loop(self.loop)
            self.loop.run_until_complete(runner.setup())
            self.loop.run_until_complete(web.TCPSite(runner, "127.0.0.1", self.port).start())
            ready.set()
            self.loop.run_forever()

        threading.Thread(target=serve, daemon=True).start()
        ready.wait(10)


def main():
    sys.path.insert(0, str(ROOT))
    from benchmarks.mailing import _rss_mib, _throughput
    from benchmarks.servers import Gunicorn, Varnish, free_port

    work = Path(tempfile.mkdtemp(prefix="huddinge-fediverse-"))
    inboxes = Inboxes(free_port())
    inboxes.start()
    public = f"http://127.0.0.1:{free_port()}"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "huddinge_site.settings",
           "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "benchmark-" + "x" * 60,
           "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost", "DJANGO_SECURE_SSL_REDIRECT": "0",
           "DJANGO_HSTS_SECONDS": "0", "DJANGO_VAR_DIR": str(work),
           "DATABASE_URL": f"sqlite:///{work / 'fediverse.sqlite3'}",
           "DJANGO_LOG_LEVEL": "WARNING", "FEDIVERSE_ENABLED": "1",
           "FEDIVERSE_ALLOW_PRIVATE": "1", "SITE_URL": public, "FRONT_CACHE_URLS": public,
           "CACHE_KEY_PREFIX": f"fedi-{os.getpid()}"}
    env.pop("REDIS_URL", None)
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env,
                   check=True)
    seed = SEED.format(base=f"http://127.0.0.1:{inboxes.port}", servers=SERVERS,
                       per_server=PER_SERVER)
    subprocess.run([*manage, "shell", "-c", seed], cwd=ROOT, env=env, check=True)
    server = Gunicorn(env)
    front = Varnish(server.port, work, env, port=int(public.rsplit(":", 1)[1]))
    subprocess.run(["curl", "-s", "-o", "/dev/null", front.url("/")], check=True)
    row = {"followers": SERVERS * PER_SERVER, "servers": SERVERS,
           "front_cache_rps_before": _throughput(front.url("/")),
           "gunicorn_rps_before": _throughput(server.url("/"))}
    subprocess.run([*manage, "shell", "-c", PUBLISH], cwd=ROOT, env=env, check=True)
    worker = subprocess.Popen([*manage, "db_worker", "--no-reload", "--interval", "0.2",
                               "--no-startup-delay"], cwd=ROOT, env=env)
    started, peaks, done = time.monotonic(), [0.0], threading.Event()

    def watch_memory():
        while not done.wait(0.1):
            peaks.append(max(peaks[-1], _rss_mib(worker.pid)))

    threading.Thread(target=watch_memory, daemon=True).start()
    try:
        row["front_cache_rps_while_delivering"] = _throughput(front.url("/"))
        row["gunicorn_rps_while_delivering"] = _throughput(server.url("/"))
        while inboxes.count < SERVERS and time.monotonic() - started < 900:
            time.sleep(0.2)
        done.set()
        took = (inboxes.last_at or time.monotonic()) - started
        row["deliveries"] = inboxes.count
        row["deliveries_per_second"] = round(inboxes.count / took, 1)
        row["seconds_to_every_server"] = round(took, 1)
        row["worker_peak_rss_mib"] = round(peaks[-1])
    finally:
        done.set()
        worker.terminate()
        worker.wait(timeout=30)
        front.stop()
        server.stop()
    print(json.dumps(row, indent=2))
    return row


if __name__ == "__main__":
    main()
