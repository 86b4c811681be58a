"""The site's production server (gunicorn) on a free loopback port, for the load benchmark
and the tests that need a real server.

gunicorn accepts connections before its workers have loaded Django; a run that
starts then measures start-up, not the site. The application is therefore loaded
once before the workers fork (``--preload``), and the server counts as started
only when requests have been answered by a worker.
"""

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    def __init__(self, env, workers=2, threads=4, ready_path="/robots.txt", timeout=60):
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "huddinge_site.wsgi", "--preload",
             "--workers", str(workers), "--threads", str(threads), "--worker-class", "gthread",
             "--bind", f"127.0.0.1:{self.port}", "--log-level", "warning"],
            cwd=ROOT, env={**env, "SITE_URL": self.url("")},
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
                with urllib.request.urlopen(self.url(path), timeout=5) as response:  # noqa: S310
                    answered += response.status == 200
            except (OSError, urllib.error.URLError):
                answered = 0
                time.sleep(0.2)
