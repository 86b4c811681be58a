"""Moving a WordPress blog from the admin: upload, see what the file holds, start, the
background worker imports (a real ``db_worker`` process), read the report, undo."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from comments.models import Comment
from posts.models import Post, UploadedImage
from tests.factories import image_upload
from tests.nodes import run_worker, share_site_folders
from tests.wxr_files import post, serving, write
from wordpress_import import generate
from wordpress_import.models import ImportRun

pytestmark = pytest.mark.django_db(transaction=True)
ADD = "/admin/wordpress_import/importrun/add/"


@pytest.fixture
def site(tmp_path, settings):
    """This site's folders shared with the worker, as on one machine."""
    var_dir = tmp_path / "var"
    share_site_folders(settings, var_dir)
    return var_dir


@pytest.fixture
def old_site(tmp_path):
    root = tmp_path / "old-site" / "wp-content" / "uploads" / "2020" / "05"
    root.mkdir(parents=True)
    (root / "bild.jpg").write_bytes(image_upload(size=(800, 600)).read())
    with serving(tmp_path / "old-site") as address:
        yield f"{address}/wp-content/uploads/2020/05"


def export_file(tmp_path, old_site):
    comments = generate.COMMENT.format(id=1, ip=1, date="2020-05-04 11:00:00", parent=0)
    body = (post(1, "Cykelbanan", f'<img src="{old_site}/bild.jpg" alt="Cykelbanan">\n\nText.',
                 comments=comments)
            + post(2, "Budgeten", "Om budgeten."))
    return write(tmp_path, body)


def upload(client, path, name="export.xml"):
    return client.post(ADD, {"export": SimpleUploadedFile(name, path.read_bytes()),
                             "fetch_media": "on"})


def test_an_import_from_the_admin_shows_reports_and_undoes_as_one(tmp_path, site, old_site,
                                                                 staff_client):
    response = upload(staff_client, export_file(tmp_path, old_site))
    run = ImportRun.objects.get()
    assert response["Location"] == f"/admin/wordpress_import/importrun/{run.pk}/change/"
    page = staff_client.get(response["Location"]).content.decode()
    assert "<strong>2</strong> inlägg" in page and "<strong>1</strong> kommentarer" in page
    assert "Starta importen" in page
    assert not Post.objects.exists(), "nothing is written before the start"
    staff_client.post(f"/admin/wordpress_import/importrun/{run.pk}/start/")
    waiting = staff_client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' in waiting and "<progress" in waiting
    run_worker(site, WORDPRESS_IMPORT_PRIVATE_ADDRESSES="1")
    run.refresh_from_db()
    assert run.state == "done", run.error
    report = staff_client.get(response["Location"]).content.decode()
    assert "Det här importerades" in report and "Ångra importen" in report
    assert Post.objects.count() == 2 and Comment.objects.count() == 1
    assert "/media/wordpress/2020/05/bild" in Post.objects.get(title="Cykelbanan").body
    assert UploadedImage.objects.count() == 1
    own = Post.objects.get(title="Budgeten")
    own.body = "Jag skrev om den här efter importen."
    own.save()
    undone = staff_client.post(f"/admin/wordpress_import/importrun/{run.pk}/undo/", follow=True)
    assert "Importen är ångrad" in undone.content.decode()
    assert list(Post.objects.values_list("title", flat=True)) == ["Budgeten"]
    assert not UploadedImage.objects.exists() and not Comment.objects.exists()
    assert not list((site / "media").rglob("*.jpg"))


@pytest.mark.parametrize(("content", "message"), [
    (b"Hej, det h\xc3\xa4r \xc3\xa4r ingen export.", "kan inte läsas som en WordPress-export"),
    (b"<?xml version='1.0'?><rss><channel><title>x</title></channel></rss>",
     "kan inte läsas som en WordPress-export"),
    (generate.HEADER.format(v="1.2").encode() + b"<item><title>Trasig</tit",
     "kan inte läsas som en WordPress-export"),
])
def test_a_file_that_is_no_export_is_refused_and_nothing_kept(site, staff_client, tmp_path,
                                                             content, message):
    path = tmp_path / "fel.xml"
    path.write_bytes(content)
    response = upload(staff_client, path, "fel.xml")
    assert response.status_code == 400 and message in response.content.decode()
    assert not ImportRun.objects.exists() and not list((site / "imports").glob("*"))


def test_a_file_over_the_limit_is_refused(site, staff_client, tmp_path, settings, old_site):
    settings.WORDPRESS_IMPORT_MAX_BYTES = 100
    response = upload(staff_client, export_file(tmp_path, old_site))
    assert response.status_code == 400 and "Filen är för stor" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_two_imports_never_run_at_once(site, staff_client, tmp_path, old_site):
    path = export_file(tmp_path, old_site)
    upload(staff_client, path)
    first = ImportRun.objects.get()
    staff_client.post(f"/admin/wordpress_import/importrun/{first.pk}/start/")
    refused = upload(staff_client, path)
    assert refused.status_code == 400 and "En import pågår redan" in refused.content.decode()
    assert ImportRun.objects.count() == 1


def test_a_failed_import_names_the_item_and_changes_nothing(site, staff_client, tmp_path):
    broken = post(7, "Trasigt datum", "Text.").replace(
        "<wp:post_date_gmt>2020-05-04 10:00:00", "<wp:post_date_gmt>igår")
    response = upload(staff_client, write(tmp_path, post(1, "Bra", "Text.") + broken))
    run = ImportRun.objects.get()
    staff_client.post(f"/admin/wordpress_import/importrun/{run.pk}/start/")
    run_worker(site)
    run.refresh_from_db()
    assert run.state == "failed" and "WordPress ID 7" in run.error
    page = staff_client.get(response["Location"]).content.decode()
    assert "Importen avbröts och ingenting ändrades" in page and "Trasigt datum" in page
    assert not Post.objects.exists()
    assert re.search(r"state|läge", page, re.IGNORECASE)
