import argparse
import json
import sys
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from wordpress_import.fetch import Fetcher
from wordpress_import.importer import Importer, ImportFailed


class Command(BaseCommand):
    help = (
        "Import posts, comments, categories and tags from a WordPress export (WXR) file. "
        "Safe to run again: what exists is updated, nothing is duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="the .xml file from WordPress's Tools → Export")
        parser.add_argument("--media-dir", help="a copy of wp-content/uploads to copy images from")
        parser.add_argument("--fetch-media", action=argparse.BooleanOptionalAction,
                            default=True,
                            help="download the images and media the posts use from the old "
                                 "site (the default; kept in var/wordpress-media/, so a "
                                 "second run goes on where the first stopped)")
        parser.add_argument("--allow-private-addresses", action="store_true",
                            help="let --fetch-media download from this machine or the "
                                 "private network (an old site on the intranet)")
        parser.add_argument("--author", help="username to credit every post to")
        parser.add_argument("--report", metavar="FILE",
                            help="also write the report, item by item, as JSON to FILE")
        parser.add_argument("--dry-run", action="store_true",
                            help="do everything and report, then write nothing")

    def handle(self, export, media_dir=None, author=None, dry_run=False, fetch_media=True,
               allow_private_addresses=False, report=None, **options):
        report_file = report
        self.shown = {}
        user = None
        if author:
            user = get_user_model().objects.filter(username=author).first()
            if user is None:
                raise CommandError(f"No user named {author!r}.")
        fetcher = None
        if fetch_media:
            fetcher = Fetcher(Path(settings.VAR_DIR) / "wordpress-media",
                              allow_private=allow_private_addresses,
                              on_file=lambda count: self._progress(images=count))
        importer = Importer(media_dir=media_dir, author=user, dry_run=dry_run,
                            progress=lambda count: self._progress(items=count), fetcher=fetcher)
        try:
            report = importer.run(export)
        except ImportFailed as error:
            self._end_progress(importer)
            raise CommandError(f"Import failed, nothing was changed: {error}") from error
        except OSError as error:
            self._end_progress(importer)
            raise CommandError(f"Cannot read {export}: {error}") from error
        self._end_progress(importer)
        heading = "Dry run, nothing was written." if dry_run else "Import finished."
        self.stdout.write(self.style.SUCCESS(heading))
        for line in report.lines():
            self.stdout.write(line)
        if report_file:
            Path(report_file).write_text(json.dumps(report.as_json(), ensure_ascii=False,
                                                    indent=2), encoding="utf-8")
            self.stdout.write(f"Report written to {report_file}.")

    def _end_progress(self, importer):
        """End the progress line, so that what follows starts on a line of its own."""
        if self.shown:
            sys.stderr.write("\n")

    def _progress(self, **counts):
        """One line, rewritten in place: items read and images fetched from the old site
        (a second run takes those it already has from ``var/wordpress-media/``)."""
        self.shown = {**self.shown, **counts}
        parts = [f"{self.shown.get('items', 0)} items read"]
        if "images" in self.shown:
            parts.append(f"{self.shown['images']} images fetched")
        sys.stderr.write("\r" + ", ".join(parts) + "…")
        sys.stderr.flush()
