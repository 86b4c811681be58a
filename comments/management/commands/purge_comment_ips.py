from django.core.management.base import BaseCommand

from comments import privacy


class Command(BaseCommand):
    help = "Forget the IP address and user agent of comments older than N days (default 60)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=60)

    def handle(self, days, **options):
        count = privacy.purge_ip_addresses(days)
        self.stdout.write(f"Cleared IP addresses of {count} comment(s) older than {days} days.")
