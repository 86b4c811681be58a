from django.core.management.base import BaseCommand

from comments import privacy
from comments.models import PrivacyRequest


class Command(BaseCommand):
    help = ("Ask the owner of an e-mail address to confirm an export of their comments "
            "(GDPR access request); confirmed, the data is mailed to that address.")

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, email, **options):
        privacy.open_request(PrivacyRequest(email=email, kind=PrivacyRequest.Kind.EXPORT))
        found = privacy.comments_of(email).count()
        self.stdout.write(f"Confirmation link sent to {email}; {found} comment(s) stored under it.")
