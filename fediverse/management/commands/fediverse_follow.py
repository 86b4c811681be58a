from django.core.management.base import BaseCommand, CommandError

from fediverse import delivery, following, publishing, remote


class Command(BaseCommand):
    help = "The blog follows a fediverse account (@name@host or its address)."

    def add_arguments(self, parser):
        parser.add_argument("account")

    def handle(self, account, **options):
        if not publishing.enabled():
            raise CommandError("The fediverse is off (FEDIVERSE_ENABLED).")
        try:
            actor = following.follow(account)
        except (remote.Unusable, delivery.Failed) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Asked to follow {actor.handle or actor.uri}.")
