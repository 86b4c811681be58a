"""Check the media bucket, or create it: run once, from one server (docs/deploying.md)."""

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError

from core.storage import in_a_bucket
from huddinge_site.media_bucket import MISSING, bucket_problem


class Command(BaseCommand):
    help = "Check that the media bucket (S3_BUCKET) answers; --create makes it if missing."

    def add_arguments(self, parser):
        parser.add_argument("--create", action="store_true",
                            help="Create the bucket when it does not exist.")

    def handle(self, *args, create=False, **options):
        if not in_a_bucket():
            raise CommandError("S3_BUCKET is not set: media are kept on this server's disk.")
        name = default_storage.bucket_name
        problem = bucket_problem()
        if problem and problem[0] == MISSING and create:
            default_storage.connection.meta.client.create_bucket(Bucket=name)
            problem = bucket_problem()
            if problem is None:
                self.stdout.write(f"Created the media bucket {name!r}.")
                return
        if problem:
            raise CommandError(problem[1])
        self.stdout.write(f"The media bucket {name!r} answers.")
