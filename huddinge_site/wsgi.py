"""The WSGI application, loaded once before gunicorn forks its workers.

gunicorn runs with ``--preload``: this module is imported in the master process and every
worker is a fork of it, sharing its memory until a worker writes to a page. So what every
worker needs anyway is loaded here, once: the URLconf with every view module, the media
storage, every template compiled, the Swedish translations, and what the configuration turns
on (a mail provider's webhooks, the fediverse's signatures). Then ``gc.freeze()`` moves all
of it out of the garbage collector's reach: a collection pass writes to every object it
visits, which would copy each shared page into each worker one by one. Loading opens no
database connection. Building the middleware starts the thread that sends the front caches'
bans (``core.front_cache``) in the master, which sweeps for the whole server; a worker starts
its own at its first change, and its health check's threads as it starts
(``health.prepare``).
"""

import gc
import os
from pathlib import Path

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huddinge_site.settings")
application = get_wsgi_application()


def _load_shared():
    from django.apps import apps
    from django.conf import settings
    from django.core.files.storage import storages
    from django.template.loader import get_template
    from django.urls import get_resolver
    from django.utils import translation

    from huddinge_site import health

    get_resolver().url_patterns  # noqa: B018 (imports every view module)
    storages["default"]  # the media storage's code: botocore for a bucket
    if apps.is_installed("anymail"):
        import anymail.urls  # noqa: F401  (every provider's webhook, before the fork)
    if settings.FEDIVERSE_ENABLED:
        import fediverse.inbox  # noqa: F401  (signing and verifying: cryptography)
    translation.activate(settings.LANGUAGE_CODE)
    for folder in map(Path, settings.TEMPLATES[0]["DIRS"]):
        for path in folder.rglob("*.html"):
            get_template(str(path.relative_to(folder)))
    translation.deactivate()
    os.register_at_fork(after_in_child=health.prepare)


_load_shared()
gc.freeze()
