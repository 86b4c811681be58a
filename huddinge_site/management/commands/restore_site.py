from django.core.management.base import BaseCommand, CommandError

from huddinge_site import backup


class Command(BaseCommand):
    help = "Restore a backup made by backup_site into an empty, migrated database."

    def add_arguments(self, parser):
        parser.add_argument("source", help="the .tar.gz file made by backup_site")

    def handle(self, source, **options):
        try:
            files = backup.restore(source)
        except (backup.RestoreRefused, OSError) as error:
            raise CommandError(f"Restore refused: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Restored {source} ({files} media files)."))
