import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse

from comments import demo as comment_demo
from huddinge_site import two_factor
from pages import demo as page_demo
from posts import demo
from posts.models import Post


class Command(BaseCommand):
    help = (
        "Load Swedish demo content and create an admin login, but only into an empty "
        "database: nothing is written when any post exists."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--address", default="127.0.0.1:8000",
            help="Where the site will run, for the printed admin address.",
        )

    def handle(self, **options):
        User = get_user_model()
        if Post.objects.exists():
            self.stdout.write("The database already has posts; no demo content was loaded.")
            if User.objects.filter(username="admin").exists():
                self.stdout.write(
                    "Log in as 'admin' with the password printed the first time "
                    "(reset it with: python manage.py changepassword admin)."
                )
            return
        with transaction.atomic():
            password = key = codes = None
            admin = User.objects.filter(is_superuser=True).order_by("pk").first()
            if admin is None:
                password = secrets.token_urlsafe(12)
                admin = User.objects.create_superuser(
                    "admin", "admin@example.se", password, first_name="Anna",
                    last_name="Andersson",
                )
                key, codes = two_factor.enrol(admin)
            count = demo.load(admin)
            page_demo.load()
            page_demo.load_identity()
            comment_demo.load(Post.objects.published().order_by("-published_at")[1])
        self.stdout.write(self.style.SUCCESS(f"Loaded {count} demo posts."))
        if password:
            self.stdout.write(self.style.SUCCESS(
                f"Admin login: http://{options['address']}{reverse('admin:index')}  "
                f"user: admin  password: {password}"
            ))
            self.stdout.write(
                f"Second step: a code from an authenticator app set up with the key {key}, "
                f"or one of these single-use recovery codes: {' '.join(codes[:3])}"
            )
