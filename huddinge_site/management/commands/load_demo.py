"""Load the demo content into a new site and print the first admin login.

The demo is offered once (``huddinge_site.demo_content``): into a database with no
posts, pages or identity, never again afterwards, so a start after the owner deleted
any of it loads nothing and fails on nothing.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse

from comments import demo as comment_demo
from huddinge_site import demo_content, two_factor
from pages import demo as page_demo
from posts import demo
from posts.models import Post


class Command(BaseCommand):
    help = (
        "Load Swedish demo content and create an admin login, but only into a new, empty "
        "site, and only once: nothing is written when anything was written before."
    )

    def handle(self, **options):
        with transaction.atomic():
            if not demo_content.is_new_site():
                demo_content.offered()
                self.stdout.write("The site has content of its own (or had the demo once); "
                                  "no demo content was loaded.")
                return
            demo_content.offered()
            password = key = codes = None
            admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
            if admin is None:
                password = secrets.token_urlsafe(12)
                admin = get_user_model().objects.create_superuser(
                    "admin", "", password, first_name="Anna", last_name="Andersson")
                key, codes = two_factor.enrol(admin)
            with demo_content.recording():
                count = demo.load(admin)
                page_demo.load()
                page_demo.load_identity()
                comment_demo.load(Post.objects.published().order_by("-published_at")[1])
        self.stdout.write(self.style.SUCCESS(f"Loaded {count} demo posts."))
        if password:
            self.stdout.write(self.style.SUCCESS(
                f"Admin login: {settings.SITE_URL}{reverse('admin:index')}  "
                f"user: admin  password: {password}"))
            self.stdout.write(
                f"Second step: a code from an authenticator app set up with the key {key}, "
                f"or one of these ten single-use recovery codes: {' '.join(codes)}")
            self.stdout.write(
                "Lost the phone? Use a recovery code, or run "
                "`DJANGO_DEBUG=1 .venv/bin/python manage.py reset_second_factor admin` and add a "
                "new app at the next sign-in.")
