"""Serving uploaded media from the media storage, whichever it is.

On one server nginx may serve the media folder itself (docs/deploying.md has the
configuration); with media in a shared bucket every server answers for it here,
reading through the storage API, and the front cache keeps the answer. Only
image, audio and video types are served inline, with their content type taken
from the extension, never sniffed; anything else is sent as a download. A
sandboxing Content Security Policy means even a file that slipped through could
not run script in the site's origin. When the store itself fails, the answer is a 503
that no cache keeps, never a 404 a front cache would remember as the file's absence.
"""

from pathlib import PurePosixPath

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import http_date

from .media_types import INLINE_TYPES

MEDIA_POLICY = "default-src 'none'; img-src 'self'; media-src 'self'; sandbox"
MEDIA_MAX_AGE = 3600


def serve_media(request, path):
    try:
        if path.endswith("/") or not default_storage.exists(path):
            raise Http404
        handle = default_storage.open(path)
        modified = default_storage.get_modified_time(path)
    except (SuspiciousFileOperation, FileNotFoundError) as error:
        raise Http404 from error
    except OSError:
        return _store_unavailable()
    content_type = INLINE_TYPES.get(PurePosixPath(path).suffix.lower())
    response = FileResponse(handle, content_type=content_type or "application/octet-stream",
                            as_attachment=not content_type)
    response["Last-Modified"] = http_date(modified.timestamp())
    response["Cache-Control"] = f"public, max-age={MEDIA_MAX_AGE}"
    response["Content-Security-Policy"] = MEDIA_POLICY
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _store_unavailable():
    """The store failed, not the file: a 503 nobody keeps, so the image comes back with it."""
    response = HttpResponse(status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response
