"""Write the Varnish configuration for this site: ``deploy/varnish.vcl`` filled in.

The paths that must pass through and the cookies that make a request personal
come from the settings, so the front cache and the page cache agree on what is
public.
"""

import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.page_cache import PERSONAL_COOKIES

TEMPLATE = Path(settings.BASE_DIR) / "deploy" / "varnish.vcl"


def vcl(backend, invalidators=()):
    host, _, port = backend.rpartition(":")
    if not host or not port.isdigit():
        raise CommandError(f"--backend must be host:port, not {backend!r}")
    shared = {settings.STATIC_URL, settings.MEDIA_URL}
    private = [p for p in settings.PAGE_CACHE_EXCLUDED_PREFIXES if p not in shared]
    cookies = [settings.SESSION_COOKIE_NAME, *PERSONAL_COOKIES]
    values = {
        "@BACKEND_HOST@": host.strip("[]"),
        "@BACKEND_PORT@": port,
        "@INVALIDATORS@": "".join(f'    "{address}";\n' for address in invalidators).rstrip("\n"),
        "@PASS_PATHS@": "|".join(re.escape(prefix) for prefix in private),
        "@PERSONAL_COOKIES@": "|".join(re.escape(name) for name in cookies),
    }
    text = TEMPLATE.read_text()
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
    return text


class Command(BaseCommand):
    help = "Print the Varnish configuration for this site."

    def add_arguments(self, parser):
        parser.add_argument("--backend", default="127.0.0.1:8001",
                            help="host:port of the application server (gunicorn)")
        parser.add_argument("--invalidator", action="append", default=[],
                            help="another address allowed to send bans (an app server)")

    def handle(self, *args, **options):
        self.stdout.write(vcl(options["backend"], options["invalidator"]), ending="")
