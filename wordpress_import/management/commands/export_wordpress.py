from django.core.management.base import BaseCommand, CommandError

from wordpress_import.export import export


class Command(BaseCommand):
    help = ("Write the whole site as a WordPress export (WXR 1.2) that WordPress's importer "
            "reads: posts, pages, comments, categories, tags, authors, featured images.")

    def add_arguments(self, parser):
        parser.add_argument("target", help="the .xml file to write")

    def handle(self, target, **options):
        try:
            with open(target, "w", encoding="utf-8") as out:
                export(out)
        except OSError as error:
            raise CommandError(f"Cannot write {target}: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Export written to {target}."))
