"""Serving uploaded media when no web server does it (local runs, very small sites).

Only image, audio and video types are served inline, with their content type
taken from the extension, never sniffed; anything else is sent as a download.
A sandboxing Content Security Policy means even a file that slipped through
could not run script in the site's origin. README.md has the matching nginx
configuration for production.
"""

from pathlib import PurePosixPath

from django.conf import settings
from django.views.static import serve

from .media_types import INLINE_TYPES

MEDIA_POLICY = "default-src 'none'; img-src 'self'; media-src 'self'; sandbox"


def serve_media(request, path):
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    content_type = INLINE_TYPES.get(PurePosixPath(path).suffix.lower())
    if content_type:
        response["Content-Type"] = content_type
    else:
        response["Content-Type"] = "application/octet-stream"
        response["Content-Disposition"] = "attachment"
    response["Content-Security-Policy"] = MEDIA_POLICY
    response["X-Content-Type-Options"] = "nosniff"
    return response
