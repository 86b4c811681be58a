from django.core.management.base import BaseCommand

from huddinge_site import backup


class Command(BaseCommand):
    help = "Write the database content and all uploaded media to one .tar.gz file."

    def add_arguments(self, parser):
        parser.add_argument("target", help="file to write, e.g. backup-2026-11-24.tar.gz")

    def handle(self, target, **options):
        files = backup.backup(target)
        self.stdout.write(self.style.SUCCESS(f"Backup written to {target} ({files} media files)."))
