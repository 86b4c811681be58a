"""Settings that cannot work on more than one server, refused at start-up.

A site runs on several servers when ``DJANGO_NODE_COUNT`` says so or when it
names several front caches. Then the file cache would give each server its own
idea of which pages are current (an edit on one stays invisible on the others
until the page expires), and media on local disk would exist on the server that
took the upload only. Both are errors, so a misconfigured server does not start.
Behind a balancer the client address must come from ``X-Forwarded-For``, or every
visitor shares the balancer's address (and its comment and login limits).
"""

from django.conf import settings
from django.core.checks import Error, Warning, register

from core import storage

FILE_CACHE = "django.core.cache.backends.filebased.FileBasedCache"


def node_count():
    return max(settings.NODE_COUNT, len(settings.FRONT_CACHE_URLS))


@register()
def cluster_settings(app_configs, **kwargs):
    if node_count() < 2:
        return []
    problems = []
    if any(config["BACKEND"] == FILE_CACHE for config in settings.CACHES.values()):
        problems.append(Error(
            "The file cache belongs to one server; several servers need a shared cache.",
            hint="Set REDIS_URL on every server.", id="huddinge_site.E001"))
    if not storage.in_a_bucket():
        problems.append(Error(
            "Media on local disk exist only on the server that took the upload.",
            hint="Set S3_BUCKET (and S3_ENDPOINT_URL and keys) on every server.",
            id="huddinge_site.E002"))
    if settings.TRUSTED_PROXY_COUNT == 0:
        problems.append(Warning(
            "Behind a load balancer every visitor shares its address.",
            hint="Set DJANGO_TRUSTED_PROXY_COUNT to the number of proxies in front "
                 "(the front cache counts as one).", id="huddinge_site.W001"))
    return problems
