"""Small WordPress exports written by tests, the import command run on them, and the old
site's files served from this machine."""

import http.server
import threading
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import partial
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from wordpress_import import generate

FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "wordpress"
needs_fixtures = pytest.mark.skipif(
    not FIXTURES.exists(),
    reason="the WordPress exports in ../shared/fixtures/ are not here (they are GPL and "
           "are read in place, never copied into the project)")


def run(path, *args):
    """``import_wordpress`` as a test runs it: fetching from the old site only when asked
    (the exports name real sites, which a test never contacts)."""
    if "--fetch-media" not in args:
        args = (*args, "--no-fetch-media")
    out = StringIO()
    call_command("import_wordpress", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def write(tmp_path, body, name="export.xml", version="1.2", header=None):
    path = tmp_path / name
    header = header if header is not None else generate.HEADER.format(v=version)
    path.write_text(header + body + "</channel>\n</rss>\n", encoding="utf-8")
    return path


def post(post_id, title, content, status="publish", extra="", comments="",
         date=datetime(2020, 5, 4, 10, tzinfo=UTC)):
    return generate.item(post_id, title, content, date, status=status, extra=extra,
                         comments=comments)


class _QuietFiles(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serving(root):
    """The folder ``root`` on a web server on this machine, playing the old WordPress site;
    yields its address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             partial(_QuietFiles, directory=root))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
