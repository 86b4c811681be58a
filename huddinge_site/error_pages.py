"""The site's own Swedish error pages on the development server too.

With ``DJANGO_DEBUG=1`` Django answers a missing page or a crash with its English
technical pages. ``scripts/run`` is where a new owner first meets the site, so it
sets ``DJANGO_DEBUG_PAGES=0`` and gets what readers get (``404.html``,
``500.html``), with the traceback in the console where a developer looks. The tests
and a developer who wants the technical pages leave it on.
"""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.views import defaults

logger = logging.getLogger("django.request")


class SwedishErrorPagesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if settings.DEBUG_PAGES:
            return None
        if isinstance(exception, Http404):
            return defaults.page_not_found(request, exception)
        if isinstance(exception, PermissionDenied):
            return defaults.permission_denied(request, exception)
        logger.exception("Server error at %s", request.path)
        return defaults.server_error(request)
