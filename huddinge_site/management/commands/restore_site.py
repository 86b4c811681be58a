from django.core.management.base import BaseCommand, CommandError

from huddinge_site import backup


class Command(BaseCommand):
    help = "Restore a backup made by backup_site into an empty, migrated database."

    def add_arguments(self, parser):
        parser.add_argument("source", help="the .tar.gz file made by backup_site")

    def handle(self, source, **options):
        try:
            result = backup.restore(source)
        except (backup.RestoreRefused, OSError) as error:
            raise CommandError(f"Restore refused: {error}") from error
        for skipped in result.skipped:
            self.stderr.write(f"Media file not restored: {skipped}")
        self.stdout.write("Staff accounts in the backup (check you know each one):")
        for username, superuser in result.accounts:
            self.stdout.write(f"  {username}{' (superuser)' if superuser else ''}")
        self.stdout.write(self.style.SUCCESS(
            f"Restored {source} ({result.media} media files, {len(result.skipped)} skipped)."))
