"""``import_wordpress --fetch-media`` downloads the old site's images, within limits."""

import http.server
import ipaddress
import socket
import threading
import time
from functools import partial
from io import StringIO

import pytest

from core.outbound import Refused, is_public
from posts.models import Embed, Post, UploadedImage
from tests.factories import image_upload
from tests.wxr_files import post, run, write
from wordpress_import import generate
from wordpress_import.fetch import Fetcher

pytestmark = pytest.mark.django_db


@pytest.fixture
def old_site(tmp_path, settings):
    """The old blog's web server on this machine, counting what it is asked for."""
    settings.VAR_DIR = tmp_path / "var"
    root = tmp_path / "old-site"
    uploads = root / "wp-content" / "uploads" / "2020" / "05"
    uploads.mkdir(parents=True)
    (uploads / "bild.jpg").write_bytes(image_upload(size=(800, 600)).read())
    (uploads / "stor.jpg").write_bytes(image_upload(size=(3000, 3000)).read())
    (uploads / "intern.mp3").write_text("<html><body>internal admin page</body></html>")
    asked = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self):
            asked.append(self.path)
            super().do_GET()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=root))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/wp-content/uploads/2020/05"
    yield base, asked
    server.shutdown()


def export(tmp_path, base):
    content = f'<img src="{base}/bild.jpg" alt="Bild">\n\nText.'
    return write(tmp_path, post(1, "Med bild", content))


def test_the_progress_line_counts_the_images_fetched(tmp_path, old_site, capsys):
    base, _asked = old_site
    run(export(tmp_path, base), "--fetch-media", "--allow-private-addresses")
    assert "0 items read, 1 images fetched…" in capsys.readouterr().err


def test_images_are_downloaded_once_and_the_post_points_at_our_copy(tmp_path, old_site):
    base, asked = old_site
    path = export(tmp_path, base)
    run(path, "--fetch-media", "--allow-private-addresses")
    body = Post.objects.get().body
    assert "127.0.0.1" not in body and "/media/wordpress/2020/05/bild" in body
    assert UploadedImage.objects.filter(import_ref="2020/05/bild.jpg").exists()
    assert asked == ["/wp-content/uploads/2020/05/bild.jpg"]
    run(path, "--fetch-media", "--allow-private-addresses")
    assert len(asked) == 1


def test_addresses_on_this_machine_are_refused_unless_allowed(tmp_path, old_site):
    base, asked = old_site
    report = run(export(tmp_path, base), "--fetch-media")
    assert "local or private address (use --allow-private-addresses" in report and asked == []
    assert f"{base}/bild.jpg" in Post.objects.get().body


def test_a_file_over_the_size_limit_is_not_kept(tmp_path, old_site, settings):
    base, _ = old_site
    settings.IMAGE_UPLOAD_MAX_BYTES = 50_000
    content = f'<img src="{base}/stor.jpg" alt="Stor">'
    report = run(write(tmp_path, post(1, "Stor bild", content)),
                 "--fetch-media", "--allow-private-addresses")
    assert "larger than" in report
    assert not list((settings.VAR_DIR / "wordpress-media").rglob("stor.jpg*"))


def test_wordpress_com_image_addresses_are_found_in_the_media_folder(tmp_path):
    uploads = tmp_path / "uploads" / "2020" / "05"
    uploads.mkdir(parents=True)
    (uploads / "bild.jpg").write_bytes(image_upload().read())
    content = '<img src="https://minblogg.files.wordpress.com/2020/05/bild.jpg?w=300" alt="B">'
    run(write(tmp_path, post(1, "Från WordPress.com", content)),
        "--media-dir", str(tmp_path / "uploads"))
    body = Post.objects.get().body
    assert "files.wordpress.com" not in body and "/media/wordpress/2020/05/bild" in body


@pytest.fixture
def rebinding_name(monkeypatch):
    """``rebind.example`` answers a public address once, then this machine, as an
    attacker's DNS server does; connections to public addresses are refused here, so
    nothing leaves the machine."""
    real_resolve, real_connect = socket.getaddrinfo, socket.create_connection
    answers = []

    def resolve(host, port, *args, **kwargs):
        if host != "rebind.example":
            return real_resolve(host, port, *args, **kwargs)
        address = "93.184.216.34" if not answers else "127.0.0.1"
        answers.append(address)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    def connect(address, *args, **kwargs):
        if address[0] == "93.184.216.34":
            raise ConnectionRefusedError("the public address is not reachable from here")
        return real_connect(address, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    monkeypatch.setattr(socket, "create_connection", connect)
    return answers


def test_a_name_that_rebinds_to_this_machine_is_never_followed(tmp_path, old_site,
                                                               rebinding_name):
    base, asked = old_site
    port = base.split(":")[2].split("/")[0]
    url = f"http://rebind.example:{port}/wp-content/uploads/2020/05/bild.jpg"
    with pytest.raises(Refused):
        Fetcher(tmp_path / "media").fetch(url, "2020/05/bild.jpg")
    assert asked == [] and rebinding_name == ["93.184.216.34"]


@pytest.mark.parametrize("address", ["::7f00:1", "::127.0.0.1", "64:ff9b::7f00:1",
                                     "::ffff:127.0.0.1", "2002:7f00:1::1", "::ffff:10.0.0.1",
                                     "64:ff9b::c0a8:101", "2001:0:4136:e378:8000:63bf:80ff:fffe"])
def test_ipv6_forms_of_local_addresses_are_refused(tmp_path, address):
    assert not is_public(ipaddress.ip_address(address))
    url = f"http://[{address}]/wp-content/uploads/2020/05/bild.jpg"
    with pytest.raises(Refused, match="local or private"):
        Fetcher(tmp_path / "media").fetch(url, "2020/05/bild.jpg")


def test_public_addresses_pass_the_check():
    assert is_public(ipaddress.ip_address("93.184.216.34"))
    assert is_public(ipaddress.ip_address("2a00:1450:400f:80d::200e"))


class Dribble(http.server.BaseHTTPRequestHandler):
    """An old site that sends one byte every 0.3 s of a file it says is 1,000 bytes."""

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Length", "1000")
        self.end_headers()
        for _ in range(1000):
            try:
                self.wfile.write(b"x")
                self.wfile.flush()
            except OSError:
                return
            time.sleep(0.3)

    def log_message(self, *args):
        pass


def test_a_server_that_dribbles_is_given_up_at_the_deadline(tmp_path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Dribble)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/wp-content/uploads/2020/05/bild.jpg"
    started = time.monotonic()
    try:
        with pytest.raises(Refused, match="deadline"):
            Fetcher(tmp_path / "media", allow_private=True, deadline=1.5).fetch(
                url, "2020/05/bild.jpg")
    finally:
        server.shutdown()
    assert time.monotonic() - started < 3
    assert not list((tmp_path / "media").rglob("bild.jpg*"))


def test_a_downloaded_audio_file_passes_the_upload_checks_or_is_left_out(tmp_path, old_site):
    base, asked = old_site
    content = f'[audio mp3="{base}/intern.mp3"][/audio]\n\nLyssna.'
    report = run(write(tmp_path, post(1, "Ljud", content)),
                 "--fetch-media", "--allow-private-addresses")
    assert asked == ["/wp-content/uploads/2020/05/intern.mp3"]
    assert "does not match" in report or "stämmer inte" in report
    assert not Embed.objects.exclude(file="").exists()


def test_an_image_that_cannot_be_fetched_is_a_link_named_by_its_alt_text(tmp_path, old_site):
    base, _ = old_site
    content = (f'<img src="{base}/saknas.jpg" alt="Torget en vårdag">\n\n'
               f'<img src="{base}/borta.jpg">\n\nText.')
    report = run(write(tmp_path, post(1, "Saknade bilder", content)),
                 "--fetch-media", "--allow-private-addresses")
    body = Post.objects.get().body
    assert f'<a href="{base}/saknas.jpg">Torget en vårdag</a>' in body
    assert f'<a href="{base}/borta.jpg">Bild</a>' in body
    assert "<img" not in body
    assert report.count("not copied; shown as a link") == 2


def test_old_site_paths_without_a_host_are_read_on_the_old_site(tmp_path, old_site):
    base, asked = old_site
    site = base.split("/wp-content")[0]
    header = generate.HEADER.format(v="1.2").replace("https://gammal.example.se", site)
    content = '<img src="/wp-content/uploads/2020/05/bild.jpg" alt="Bild">\n\nText.'
    run(write(tmp_path, post(1, "Relativ bild", content), header=header),
        "--fetch-media", "--allow-private-addresses")
    assert asked == ["/wp-content/uploads/2020/05/bild.jpg"]
    assert "/media/wordpress/2020/05/bild" in Post.objects.get().body


def test_images_are_fetched_unless_asked_not_to(tmp_path, old_site):
    from django.core.management import call_command

    base, asked = old_site
    call_command("import_wordpress", str(export(tmp_path, base)), "--allow-private-addresses",
                 stdout=StringIO(), stderr=StringIO())
    assert asked == ["/wp-content/uploads/2020/05/bild.jpg"]
