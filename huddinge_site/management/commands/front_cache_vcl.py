"""Write the Varnish configuration for this site: ``deploy/varnish.vcl`` filled in.

The paths that must pass through, the cookies that make a request personal, the
query parameters that change a page and the host names the site answers to come
from the settings and the page cache, so the front cache and the page cache agree
on what is public and what is one page. The key that authorises bans is derived
from the secret key, so every server that shares the secret can ban.
"""

import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core import front_cache
from core.page_cache import KEY_PARAMETERS, PERSONAL_COOKIES
from core.site_url import site_host

TEMPLATE = Path(settings.BASE_DIR) / "deploy" / "varnish.vcl"


def host_pattern(allowed_hosts):
    """A regular expression for the host names ``ALLOWED_HOSTS`` admits, as Django reads
    them: ``*`` is any name, a leading dot a domain and its subdomains."""
    patterns = []
    for host in allowed_hosts:
        host = host.lower()
        if host == "*":
            patterns.append(".*")
        elif host.startswith("."):
            patterns.append(r"([^.]+\.)*" + re.escape(host[1:]))
        else:
            patterns.append(re.escape(host))
    return "|".join(patterns) or "$^"


def vcl(backend):
    host, _, port = backend.rpartition(":")
    if not host or not port.isdigit():
        raise CommandError(f"--backend must be host:port, not {backend!r}")
    shared = {settings.STATIC_URL, settings.MEDIA_URL}
    private = [p for p in settings.PAGE_CACHE_EXCLUDED_PREFIXES if p not in shared]
    cookies = [settings.SESSION_COOKIE_NAME, *PERSONAL_COOKIES]
    values = {
        "@BACKEND_HOST@": host.strip("[]"),
        "@BACKEND_PORT@": port,
        "@FRONT_CACHE_KEY@": front_cache.key(),
        "@ALLOWED_HOSTS@": host_pattern(settings.ALLOWED_HOSTS),
        "@SITE_HOST@": site_host(),
        "@KEY_PARAMETERS@": "|".join(re.escape(name) for name in KEY_PARAMETERS),
        "@LANGUAGE@": settings.LANGUAGE_CODE,
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

    def handle(self, *args, **options):
        self.stdout.write(vcl(options["backend"]), ending="")
