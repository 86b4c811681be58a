"""``import_wordpress --fetch-media`` downloads the old site's images, within limits."""

import http.server
import threading
from functools import partial

import pytest

from posts.models import Post, UploadedImage
from tests.factories import image_upload
from tests.wxr_files import post, run, write

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
    assert "local or private address" in report and asked == []
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
