from django.core.management.base import BaseCommand

from comments import privacy
from comments.models import PrivacyRequest


class Command(BaseCommand):
    help = ("Ask the owner of an e-mail address to confirm erasure of their comments "
            "(GDPR erasure request); confirmed, the comments are anonymised.")

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--remove-text", action="store_true", help="Also replace the comments' text."
        )

    def handle(self, email, remove_text=False, **options):
        privacy.open_request(PrivacyRequest(email=email, kind=PrivacyRequest.Kind.ERASE,
                                            remove_text=remove_text))
        found = privacy.comments_of(email).count()
        self.stdout.write(f"Confirmation link sent to {email}; {found} comment(s) stored under it.")
