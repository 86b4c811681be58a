"""The worker's side of an import from the admin (``runs``): one task per run."""

from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from . import batches, runs
from .fetch import Fetcher
from .importer import Importer
from .models import ImportRun


@task()
def run_import(run_id):
    """Run the import; whatever goes wrong, the run ends failed with the reason (the
    importer has rolled everything back), so it never blocks the next one."""
    run = ImportRun.objects.get(pk=run_id)
    if run.state != ImportRun.State.QUEUED:
        return
    run.state, run.started_at = ImportRun.State.RUNNING, timezone.now()
    run.save(update_fields=["state", "started_at"])
    fetcher = None
    if run.fetch_media:
        fetcher = Fetcher(Path(settings.VAR_DIR) / "wordpress-media",
                          allow_private=settings.WORDPRESS_IMPORT_PRIVATE_ADDRESSES,
                          on_file=lambda count: runs.report_progress(run, media=count))
    importer = Importer(author=run.created_by, fetcher=fetcher,
                        progress=lambda count: runs.report_progress(run, items=count))
    path = runs.local_copy(run)
    try:
        with batches.recording(run.batch):
            report = importer.run(path)
    except Exception as error:
        run.state, run.error = ImportRun.State.FAILED, str(error)
    else:
        run.state, run.report = ImportRun.State.DONE, report.as_json()
        run.files = importer.media.saved
        runs.report_progress(run, items=importer.items)
    finally:
        path.unlink(missing_ok=True)
        run.finished_at = timezone.now()
        run.save()
