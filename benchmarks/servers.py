"""The site's production servers on free loopback ports, for the load benchmark and the
tests that need real ones: gunicorn, Varnish in front of it, nginx for the ceiling.

gunicorn accepts connections before its workers have loaded Django; a run that
starts then measures start-up, not the site. The application is therefore loaded
once before the workers fork (``huddinge_site.gunicorn_config``), and the server counts
as started only when requests have been answered by a worker.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from benchmarks.memory import processes
from huddinge_site.gunicorn_config import worker_count

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    def __init__(self, env, workers=None, threads=None, ready_path="/robots.txt", timeout=60):
        """Served as ``scripts/serve`` serves it (``huddinge_site.gunicorn_config``), with
        ``workers`` and ``threads`` in place of ``GUNICORN_WORKERS`` and ``GUNICORN_THREADS``
        when given."""
        given = {"GUNICORN_WORKERS": workers, "GUNICORN_THREADS": threads}
        env = {**env, **{name: str(value) for name, value in given.items() if value}}
        workers = worker_count(env)
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "python:huddinge_site.gunicorn_config",
             "--bind", f"127.0.0.1:{self.port}", "--log-level", "warning"],
            cwd=ROOT, env={"SITE_URL": self.url(""), **env},
        )
        self._wait_until_answering(ready_path, timeout, answers=2 * workers)

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)

    def _wait_until_answering(self, path, timeout, answers):
        deadline = time.monotonic() + timeout
        answered = 0
        while answered < answers:
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.stop()
                raise RuntimeError("gunicorn did not start answering requests")
            try:
                ready = urllib.request.Request(self.url(path),
                                               headers={"X-Forwarded-Proto": "https"})
                with urllib.request.urlopen(ready, timeout=5) as response:
                    answered += response.status == 200
            except (OSError, urllib.error.URLError):
                answered = 0
                time.sleep(0.2)


def _wait_for_port(port, process, name, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise RuntimeError(f"{name} did not start")


VSL_SPACE = "8M"
"""Varnish's shared-memory log, which it fills at start and holds for ``varnishlog``: the
default 80 MB was most of its memory at rest (87 MiB PSS against 14 with 8 MB); 8 MB still
holds some thousands of requests for a person reading the log."""


class Varnish:
    """Varnish (Debian's) in front of ``backend_port``, configured by ``front_cache_vcl``:
    the front cache of a production server, as ``scripts/serve`` and the systemd unit run
    it. As root it runs without its user jail, since the work folder is private to this
    process."""

    def __init__(self, backend_port, work, env, memory="256m", port=None):
        self.port = port or free_port()
        self.folder = Path(work) / f"varnish-{self.port}"
        self.folder.mkdir(parents=True)
        vcl = self.folder / "site.vcl"
        with vcl.open("w") as out:
            subprocess.run([sys.executable, "manage.py", "front_cache_vcl", "--backend",
                            f"127.0.0.1:{backend_port}"], cwd=ROOT, env=env, stdout=out,
                           check=True)
        jail = ["-j", "none"] if os.geteuid() == 0 else []
        self.process = subprocess.Popen(
            ["varnishd", "-F", *jail, "-a", f"127.0.0.1:{self.port}", "-f", str(vcl),
             "-n", str(self.folder / "state"), "-s", f"malloc,{memory}",
             "-p", "ban_lurker_sleep=0.05", "-p", f"vsl_space={VSL_SPACE}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        _wait_for_port(self.port, self.process, "varnishd")

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


class Nginx:
    """nginx from Debian serving ``root`` on a free port: what a static file costs
    when a real web server answers, the ceiling no application server reaches."""

    def __init__(self, root, work):
        self.port = free_port()
        self.prefix = Path(work) / "nginx"
        self.prefix.mkdir(parents=True, exist_ok=True)
        config = self.prefix / "nginx.conf"
        user = "user root;\n" if os.geteuid() == 0 else ""
        config.write_text(
            f"{user}worker_processes 2;\ndaemon off;\npid {self.prefix}/nginx.pid;\n"
            f"error_log {self.prefix}/error.log;\nevents {{ worker_connections 1024; }}\n"
            "http {\n  access_log off;\n  sendfile on;\n  tcp_nopush on;\n"
            "  default_type text/html;\n"
            f"  server {{ listen 127.0.0.1:{self.port}; root {root}; }}\n}}\n"
        )
        self.process = subprocess.Popen(["nginx", "-c", str(config), "-p", str(self.prefix)])
        _wait_for_port(self.port, self.process, "nginx")

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def _cpu_ticks(pid):
    """CPU time used by ``pid`` and its children so far, in clock ticks."""
    return sum(process.ticks for found, process in processes().items()
               if pid in (found, process.parent))


def wait_until_idle(process, limit=60.0, quiet_ticks=3):
    """Wait until the server has stopped working on requests a load run abandoned, so
    the next page is measured alone; returns the seconds waited."""
    started = time.monotonic()
    before = _cpu_ticks(process.pid)
    while time.monotonic() - started < limit:
        time.sleep(0.5)
        now = _cpu_ticks(process.pid)
        if now - before <= quiet_ticks:
            break
        before = now
    return round(time.monotonic() - started, 1)
