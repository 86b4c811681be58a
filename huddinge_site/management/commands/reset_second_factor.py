"""Forget a staff member's authenticator app and recovery codes: the lost-phone way back
in when no other superuser can do it in the admin."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = ("Remove a user's authenticator app and recovery codes; they add a new app at "
            "their next sign-in, after typing their password.")

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        self.stdout.write(self.style.SUCCESS(
            f"{username} has no second factor now: the next sign-in with the password "
            "shows a new key to add to an authenticator app."))
