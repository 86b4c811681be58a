"""A full disk gets a page that says so, not a server error.

Most uploads are written before anything is saved (images, see
``posts.images.store``), but an audio or video file on a post is written by
the admin while it saves the post, inside the admin's transaction. When that
write fails, the transaction is already rolled back: nothing was saved and
nothing stored before is touched. The page says so, with status 507, and the
editor can go back to the form the browser still holds.
"""

import errno
import logging

from django.shortcuts import render

logger = logging.getLogger(__name__)

DISK_FULL_ERRORS = {errno.ENOSPC, errno.EDQUOT}


class DiskFullMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OSError) and exception.errno in DISK_FULL_ERRORS:
            logger.error("Disk full while handling %s", request.path, exc_info=exception)
            return render(request, "disk_full.html", status=507)
        return None
