"""Load benchmark: the site under gunicorn driven by wrk, cold and warm page cache.

Run with ``benchmarks/run`` (see docs/caching-and-benchmark.md). It builds a throwaway site
with production settings in a temporary folder, starts gunicorn on 127.0.0.1 once a worker
answers, and measures each page in several runs once the server is idle (``benchmarks/load.py``:
median, spread, timeouts and errors, load average). The ceiling is nginx serving a
static file of the same size in the same run, shown beside the same file served by
gunicorn. The ``front`` mode puts Varnish (the production front cache,
``deploy/varnish.vcl``) before gunicorn and compares each page with a static file of the
same size served by that same Varnish. Each page's ratio is to the file of the size of
the 20-comment post page, except the 500-comment page, whose ratio is to a file of its
own size. It also measures how the post page's render time grows with its number of
comments, and prints one table (also written as JSON).
"""

import argparse
import atexit
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.load import measure, spread  # noqa: E402
from benchmarks.memory import Peak, Stack, at_rest  # noqa: E402
from benchmarks.postgres import OwnPostgres  # noqa: E402
from benchmarks.servers import Gunicorn, Nginx, Varnish, free_port, wait_until_idle  # noqa: E402

WORK = SERVER_URL = SCRATCH_DATABASE = None


def prepare():
    """The throwaway site's folder, environment and (on PostgreSQL) scratch database, and
    Django set up on them: done when the benchmark runs, never when this module is imported."""
    global WORK, SERVER_URL, SCRATCH_DATABASE
    WORK = Path(tempfile.mkdtemp(prefix="huddinge-bench-"))
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "huddinge_site.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "benchmark-" + "x" * 60,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_HSTS_SECONDS": "0",
        "DJANGO_VAR_DIR": str(WORK),
        "DJANGO_LOG_LEVEL": "WARNING",
        "CACHE_KEY_PREFIX": f"bench-{os.getpid()}",
    })
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{WORK / 'bench.sqlite3'}")
    SERVER_URL = os.environ["DATABASE_URL"]
    SCRATCH_DATABASE = f"huddinge_bench_{os.getpid()}"
    if SERVER_URL.startswith("postgres"):
        import psycopg

        with psycopg.connect(SERVER_URL, autocommit=True) as server:
            server.execute(f'CREATE DATABASE "{SCRATCH_DATABASE}"')
        os.environ["DATABASE_URL"] = f"{SERVER_URL.rsplit('/', 1)[0]}/{SCRATCH_DATABASE}"
    import django

    django.setup()


def start_gunicorn(page_cache, **extra):
    """gunicorn as ``scripts/serve`` runs it: one single-threaded worker per core, at least
    two, each taking a connection only when it is free (sync). Rendering is Python holding the
    GIL, so threads of one process queue for it (the post page rendered half as fast with four
    threads); and a gthread worker accepts connections while busy, so one could queue requests
    while another idled (cold runs at half speed, at random)."""
    return Gunicorn({**os.environ, "PAGE_CACHE_ENABLED": "1" if page_cache else "0", **extra})


def start_front():
    """gunicorn behind Varnish, which is the site's public address and takes its bans (its
    configuration is written for that address: it answers only the site's host). Two
    proxies are trusted, as behind a load balancer, so the commenters of the write test are
    told apart by the address the balancer would have added."""
    port = free_port()
    public = f"http://127.0.0.1:{port}"
    site = {"SITE_URL": public, "FRONT_CACHE_URLS": public}
    server = start_gunicorn(True, DJANGO_TRUSTED_PROXY_COUNT="2", **site)
    return server, Varnish(server.port, WORK, {**os.environ, **site}, port=port)


def queries(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(captured), len(response.content)


STATIC_ROWS = (("ceiling.html", "static file", "small"),
               ("ceiling-large.html", "static file, size of 500", "large"))


def measure_mode(mode, server, nginx, pages, sizes, load, rows, front=None):
    """Every page through ``server`` (or its ``front`` cache), each after the server has
    gone idle; the same static files through nginx (the ceiling) and through gunicorn
    beside them, or, with a front cache, through that front cache (its ceiling)."""

    def run(url):
        wait_until_idle(server.process)
        return measure(**{**load, "url": url})

    ceilings = {}
    for name, title, size in STATIC_ROWS:
        if front is None:
            ceilings[size] = measure(**{**load, "url": nginx.url(f"/{name}")})
            rows.setdefault(f"{title} (nginx)", {})[mode] = ceilings[size]
        else:
            ceilings[size] = run(front.url(f"/static/{name}"))
            rows.setdefault(f"{title} (varnish)", {})[mode] = ceilings[size]
        ceilings[size]["ratio"] = 1.0
        if front is None:
            through_app = run(server.url(f"/static/{name}"))
            through_app["ratio"] = round(through_app["rps"] / ceilings[size]["rps"], 3)
            rows.setdefault(f"{title} (gunicorn)", {})[mode] = through_app
    for name, path in pages.items():
        measured = run((front or server).url(path))
        ceiling = ceilings["large" if name == "post, 500 comments" else "small"]
        measured["ratio"] = round(measured["rps"] / ceiling["rps"], 3)
        measured["queries"] = sizes[name][0] if mode == "cold" else 0
        rows.setdefault(name, {})[mode] = measured
        if front is not None:
            measured["misses"] = misses(front.url(path))


def misses(url):
    """Whether the front cache answered ``url`` itself (0) or asked gunicorn (1)."""
    from core import front_cache

    request = urllib.request.Request(url, headers={front_cache.KEY_HEADER: front_cache.key()})
    with urllib.request.urlopen(request, timeout=10) as response:
        return int(response.headers["X-Cache"] != "hit")


def render_times(sizes, repeats):
    """Median time to render a post page (cache bypassed) against its comment count."""
    from django.core import signing
    from django.test import Client

    from benchmarks import seed
    from comments import counts
    from posts.models import Post

    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies["comment_pending"] = signing.dumps([], salt="comment_pending")
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
    """Build the site, then measure with this process's own database session closed: the
    session that built the site held a PostgreSQL backend of some 30 MiB that no server
    has, and the memory figures are of the serving stack alone (the editor's retitles under
    writes open one again, as an editor's saves would)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=3, help="load time per run")
    parser.add_argument("--repeats", type=int, default=5,
                        help="runs per page; the median counts, the spread is shown")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--json", default=str(ROOT / "var" / "benchmark.json"))
    parser.add_argument("--own-postgres", nargs="?", const="", metavar="CONF",
                        help="run PostgreSQL of its own, with Debian's settings or CONF's "
                             "(deploy/postgresql-small.conf), instead of DATABASE_URL's")
    args = parser.parse_args()
    for tool in ("wrk", "nginx", "varnishd"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is not installed: apt-get install {tool}")

    own_postgres = None
    if args.own_postgres is not None:
        own_postgres = OwnPostgres(Path(args.own_postgres) if args.own_postgres else None)
        atexit.register(own_postgres.stop)
        os.environ["DATABASE_URL"] = own_postgres.url()
    prepare()
    from django.core import signing
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from benchmarks import seed
    from benchmarks.writes import under_writes

    print(f"Building the site in {WORK} ({connection.vendor}) …", flush=True)
    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    post20, post500 = seed.build(posts=args.posts)
    day = post20.local_date
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies["comment_pending"] = signing.dumps([], salt="comment_pending")
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
    connection.close()

    results = {"machine": {"cores": len(os.sched_getaffinity(0)), "database": connection.vendor,
                           "cache": "redis" if os.environ.get("REDIS_URL") else "file",
                           "runs": args.repeats, "seconds": args.seconds,
                           "connections": args.connections,
                           "postgres": args.own_postgres if own_postgres else "DATABASE_URL's"},
               "pages": {}, "render": []}
    load = {"url": None, "seconds": args.seconds, "connections": args.connections,
            "repeats": args.repeats}
    servers, own = {}, {}
    if own_postgres:
        own["PostgreSQL"] = own_postgres.pid
    elif connection.vendor == "postgresql":
        servers["PostgreSQL"] = "postgres"
    if os.environ.get("REDIS_URL"):
        servers["Redis"] = "redis-server"
    memory = results["memory"] = {}
    nginx = Nginx(static_root, WORK)
    try:
        for mode, state in (("cold", "uncached load"), ("warm", "cached load, gunicorn")):
            server = start_gunicorn(page_cache=mode == "warm")
            try:
                with Peak(Stack({"gunicorn": server.process.pid, **own}, servers)) as peak:
                    measure_mode(mode, server, nginx, pages, sizes, load, results["pages"])
                memory[state] = peak.figures()
            finally:
                server.stop()
        server, front = start_front()
        try:
            stack = Stack({"gunicorn": server.process.pid, "Varnish": front.process.pid, **own},
                          servers)
            wait_until_idle(server.process)
            memory["at rest"] = at_rest(stack)
            with Peak(stack) as peak:
                measure_mode("front", server, nginx, pages, sizes, load, results["pages"],
                             front)
            memory["cached load, Varnish"] = peak.figures()
            wait_until_idle(server.process)
            with Peak(stack) as peak:
                results["writes"] = under_writes(front, post20, {**load, "seconds": 12})
            memory["under writes"] = peak.figures()
            connection.close()
        finally:
            front.stop()
            server.stop()
    finally:
        nginx.stop()
    results["render"] = render_times([0, 10, 100, 1000, 5000], repeats=5)
    report(results)
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(results, indent=2))
    print(f"\nJSON written to {args.json}")
    shutil.rmtree(WORK, ignore_errors=True)
    if SERVER_URL.startswith("postgres"):
        import psycopg

        connection.close()
        with psycopg.connect(SERVER_URL, autocommit=True) as server:
            server.execute(f'DROP DATABASE "{SCRATCH_DATABASE}"')


def report(results):
    machine = results["machine"]
    print(f"\nMedian of {machine['runs']} runs of {machine['seconds']} s, "
          f"{machine['connections']} connections; spread = (max - min) / median; "
          "ratio = req/s ÷ a static file of the same size served by nginx (cold, warm) "
          "or by the same Varnish (front); "
          "load = 1-minute load average; ! = a run had timeouts or errors")
    print(f"{'page':36} {'mode':5} {'req/s':>7} {'spread':>7} {'p50 ms':>8} {'p99 ms':>8} "
          f"{'ratio':>7} {'SQL':>4} {'t/o':>4} {'err':>4} {'load':>5}")
    for name, modes in results["pages"].items():
        for mode, row in modes.items():
            flag = "!" if row["timeouts"] or row["errors"] or row["socket_errors"] else ""
            print(f"{name:36} {mode:5} {row['rps']:7.0f} {spread(row):7.0%} "
                  f"{row['p50_ms']:8.2f} {row['p99_ms']:8.2f} {row['ratio']:7.1%} "
                  f"{row.get('queries', 0):>4} {row['timeouts']:>4} "
                  f"{row['errors'] + row['socket_errors']:>4} {row['load']:>5.2f} {flag}")
    writes = results.get("writes")
    if writes:
        print(f"\nHome page through Varnish while {writes['comments_per_second']} comments/s "
              f"arrive and the newest post is retitled every 10 s: {writes['busy_rps']:.0f} "
              f"req/s (without writes {writes['quiet_rps']:.0f}; drop {writes['drop']:.1%}); "
              f"{writes['edits']} edits visible through Varnish after median "
              f"{writes['visible_median_s']} s, at most {writes['visible_max_s']} s; "
              f"p50 / p99 {writes['busy']['p50_ms']:.2f} / {writes['busy']['p99_ms']:.2f} ms "
              f"(without writes {writes['quiet']['p50_ms']:.2f} / "
              f"{writes['quiet']['p99_ms']:.2f} ms)")
    report_memory(results.get("memory", {}))
    print(f"\n{'comments':>8} {'render ms':>10} {'SQL':>4}")
    for row in results["render"]:
        print(f"{row['comments']:>8} {row['median_ms']:>10.2f} {row['queries']:>4}")


def report_memory(memory):
    """PSS in MiB by part and state (``benchmarks/memory.py``); a part not running in a
    state (Varnish in the uncached and gunicorn-only runs) is shown as a dash."""
    if not memory:
        return
    parts = sorted({part for figures in memory.values() for part in figures} - {"total"})
    print("\nMemory, PSS in MiB (the peak under load)")
    print(f"{'state':24}" + "".join(f"{part:>11}" for part in parts) + f"{'total':>9}")
    for state, figures in memory.items():
        print(f"{state:24}"
              + "".join(f"{figures[part]:11.1f}" if part in figures else f"{'-':>11}"
                        for part in parts) + f"{figures['total']:9.1f}")

if __name__ == "__main__":
    main()
