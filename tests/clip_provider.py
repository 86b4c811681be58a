"""A video provider on loopback for tests: YouTube's oEmbed answer at ``/oembed`` and a
still for every other path, with what it was asked kept (paths without their query)."""

import http.server
import io
import json
import threading

import pytest
from PIL import Image

from posts import posters

REAL_GET = posters._get
TITLE = "Debatten i\nfullmäktige <live>"


def jpeg(size=(1280, 720)):
    output = io.BytesIO()
    Image.new("RGB", size, "#884422").save(output, "JPEG")
    return output.getvalue()


@pytest.fixture
def provider(monkeypatch):
    asked = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            asked.append(self.path.split("?")[0])
            if self.path.startswith("/oembed"):
                body, kind = json.dumps({"title": TITLE}).encode(), "application/json"
            else:
                body, kind = jpeg(), "image/jpeg"
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    real = posters.poster_url
    monkeypatch.setitem(posters.OEMBED, "YouTube", f"{base}/oembed")
    monkeypatch.setattr(posters, "poster_url",
                        lambda url, answer=None: real(url, answer) and f"{base}/still.jpg")
    monkeypatch.setattr(posters, "_get", REAL_GET)
    yield asked
    server.shutdown()
