import json

from django.core.management.base import BaseCommand

from comments import privacy


class Command(BaseCommand):
    help = "Print, as JSON, every comment stored under an e-mail address (GDPR access request)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, email, **options):
        data = privacy.export(email)
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str))
