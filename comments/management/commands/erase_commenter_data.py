from django.core.management.base import BaseCommand

from comments import privacy


class Command(BaseCommand):
    help = "Anonymise every comment stored under an e-mail address (GDPR erasure request)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--remove-text", action="store_true", help="Also replace the comments' text."
        )

    def handle(self, email, remove_text=False, **options):
        count = privacy.erase(email, remove_text=remove_text)
        self.stdout.write(f"{count} comment(s) anonymised.")
