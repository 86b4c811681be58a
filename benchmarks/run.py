"""Load benchmark: the site under gunicorn driven by wrk, cold and warm page cache.

Run with ``benchmarks/run`` (see README.md). It builds a throwaway site with
production settings in a temporary folder, starts gunicorn on 127.0.0.1 and
measures each page for a bounded time, then the static-file ceiling, and
prints one table (also written as JSON). Each page's ratio is to a static file
of the size of the 20-comment post page, except the 500-comment page, whose
ratio is to a static file of its own size. It also measures how the post page's
render time grows with its number of comments.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(tempfile.mkdtemp(prefix="huddinge-bench-"))
ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "huddinge_site.settings",
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "benchmark-" + "x" * 60,
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    "DJANGO_SECURE_SSL_REDIRECT": "0",
    "DJANGO_HSTS_SECONDS": "0",
    "DJANGO_VAR_DIR": str(WORK),
    "DJANGO_LOG_LEVEL": "WARNING",
    "CACHE_KEY_PREFIX": f"bench-{os.getpid()}",
}
os.environ.update(ENVIRONMENT)
os.environ.setdefault("DATABASE_URL", f"sqlite:///{WORK / 'bench.sqlite3'}")
SERVER_URL = os.environ["DATABASE_URL"]
SCRATCH_DATABASE = f"huddinge_bench_{os.getpid()}"
if SERVER_URL.startswith("postgres"):
    import psycopg

    with psycopg.connect(SERVER_URL, autocommit=True) as server:
        server.execute(f'CREATE DATABASE "{SCRATCH_DATABASE}"')
    os.environ["DATABASE_URL"] = f"{SERVER_URL.rsplit('/', 1)[0]}/{SCRATCH_DATABASE}"
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from benchmarks import seed  # noqa: E402
from benchmarks.servers import Gunicorn  # noqa: E402
from comments import counts  # noqa: E402
from posts.models import Post  # noqa: E402


def wrk(url, seconds, connections, repeats, warmup=1):
    """The best of ``repeats`` runs of wrk against ``url``, after an unrecorded warm-up.

    gunicorn's threaded worker now and then falls into a slow mode with
    keep-alive connections (about 1,700 requests/s whatever the page, the
    static file too); taking the best run measures the code, not that.
    """
    subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{warmup}s", url],
                   capture_output=True, check=True, timeout=warmup + 30)
    runs = [_wrk_once(url, seconds, connections) for _ in range(repeats)]
    best = max(runs, key=lambda run: run["rps"])
    best["runs"] = [round(run["rps"]) for run in runs]
    return best


def _wrk_once(url, seconds, connections):
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True, text=True, check=True, timeout=seconds + 30,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))

    def percentile(label):
        value, unit = re.search(rf"\s{label}%\s+([\d.]+)(\w+)", output).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"rps": rate, "p50_ms": percentile(50), "p99_ms": percentile(99),
            "errors": int(errors.group(1)) if errors else 0}


def start_gunicorn(page_cache):
    """gunicorn sized for two cores: two worker processes with four threads each."""
    return Gunicorn({**os.environ, "PAGE_CACHE_ENABLED": "1" if page_cache else "0"})


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(captured), len(response.content)


def render_times(sizes, repeats):
    """Median time to render a post page (cache bypassed) against its comment count."""
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies["comment_pending"] = "x"
    rows = []
    for count in sizes:
        post = Post.objects.create(title=f"Tråd {count}", body=seed.BODY, status="published")
        seed.comments_for(post, count)
        counts.refresh([post.pk])
        url = post.get_absolute_url()
        client.get(url)
        timings = []
        for _ in range(repeats):
            start = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        rows.append({"comments": count, "median_ms": round(statistics.median(timings), 2),
                     "queries": queries(client, url)[0]})
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=3, help="load time per run")
    parser.add_argument("--repeats", type=int, default=3, help="runs per page; the best counts")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--json", default=str(ROOT / "var" / "benchmark.json"))
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")

    print(f"Building the site in {WORK} ({connection.vendor}) …", flush=True)
    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    post20, post500 = seed.build(posts=args.posts)
    day = post20.local_date
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies["comment_pending"] = "x"
    pages = {
        "home": "/",
        "post, 20 comments": post20.get_absolute_url(),
        "post, 500 comments": post500.get_absolute_url(),
        "month archive": f"/{day:%Y}/{day:%m}/",
        "category": "/category/politik/",
        "feed": "/feed/",
        "search": "/?s=skolor",
    }
    sizes = {name: queries(client, path) for name, path in pages.items()}
    static_root = Path(os.environ.get("STATIC_ROOT", WORK / "static"))
    (static_root / "ceiling.html").write_bytes(b"x" * sizes["post, 20 comments"][1])
    (static_root / "ceiling-large.html").write_bytes(b"x" * sizes["post, 500 comments"][1])

    results = {"machine": {"cores": os.cpu_count(), "database": connection.vendor,
                           "cache": "redis" if os.environ.get("REDIS_URL") else "file"},
               "pages": {}, "render": []}
    for mode in ("cold", "warm"):
        server = start_gunicorn(page_cache=mode == "warm")
        try:
            ceilings = {}
            for label, name in (("ceiling", "ceiling.html"), ("large", "ceiling-large.html")):
                ceilings[label] = wrk(server.url(f"/static/{name}"), args.seconds,
                                      args.connections, args.repeats)
                title = f"static file ({'ceiling' if label == 'ceiling' else 'size of 500'})"
                results["pages"].setdefault(title, {})[mode] = ceilings[label]
            for name, path in pages.items():
                measured = wrk(server.url(path), args.seconds, args.connections, args.repeats)
                ceiling = ceilings["large" if name == "post, 500 comments" else "ceiling"]
                measured["ratio"] = round(measured["rps"] / ceiling["rps"], 3)
                measured["queries"] = sizes[name][0] if mode == "cold" else 0
                results["pages"].setdefault(name, {})[mode] = measured
        finally:
            server.stop()
    results["render"] = render_times([0, 10, 100, 1000, 5000], repeats=5)
    report(results)
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(results, indent=2))
    print(f"\nJSON written to {args.json}")
    shutil.rmtree(WORK, ignore_errors=True)
    if SERVER_URL.startswith("postgres"):
        connection.close()
        with psycopg.connect(SERVER_URL, autocommit=True) as server:
            server.execute(f'DROP DATABASE "{SCRATCH_DATABASE}"')


def report(results):
    print(f"\n{'page':24} {'mode':5} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
          f"{'ratio':>6} {'SQL':>4} {'errors':>6}")
    for name, modes in results["pages"].items():
        for mode, row in modes.items():
            print(f"{name:24} {mode:5} {row['rps']:8.0f} {row['p50_ms']:8.2f} "
                  f"{row['p99_ms']:8.2f} {row.get('ratio', 1):6.2f} {row.get('queries', 0):>4} "
                  f"{row['errors']:>6}")
    print(f"\n{'comments':>8} {'render ms':>10} {'SQL':>4}")
    for row in results["render"]:
        print(f"{row['comments']:>8} {row['median_ms']:>10.2f} {row['queries']:>4}")


if __name__ == "__main__":
    main()
