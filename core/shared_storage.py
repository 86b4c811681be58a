"""Media in an S3-compatible bucket, shared by every server (``S3_BUCKET``)."""

import functools

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

from .outage import Outage


class SharedMediaStorage(S3Storage):
    """Media in an S3-compatible bucket (MinIO, Ceph, AWS, R2), shared by every server.

    Addresses stay on this site (``MEDIA_URL``), served by ``posts.media_views``
    from the bucket and kept by the front cache, so readers never fetch from the
    storage provider and the Content Security Policy stays ``'self'``. Uploads
    to S3 are whole or absent by nature: an object exists only once complete.

    A store that refuses or stalls raises ``OSError`` here, as a full disk does, so
    every caller answers as it does for a disk fault (the editor's upload with its JSON
    message, a form with what was typed, media with a 503) instead of a server error.
    A store that did not answer at all is then skipped for a while (``outage``): each
    call would wait out the client's timeouts, and a few requests for images would hold
    every worker of a server while its pages wait. The outage belongs to this store, so a
    late answer from one no longer in use (a check still waiting when the settings
    changed) never stops the one that replaced it.
    """

    def __init__(self, **settings):
        super().__init__(**settings)
        self.outage = Outage("The media store")

    def url(self, name, parameters=None, expire=None, http_method=None):
        return settings.MEDIA_URL + filepath_to_uri(clean_name(name))


def _as_os_error(method):
    @functools.wraps(method)
    def guarded(self, *args, **kwargs):
        if self.outage.active():
            raise OSError("the media store did not answer a moment ago")
        try:
            return method(self, *args, **kwargs)
        except (BotoCoreError, ClientError) as error:
            if isinstance(error, BotoCoreError):
                self.outage.record(error)
            raise OSError(f"the media store failed: {error}") from error

    return guarded


for _name in ("_open", "_save", "delete", "exists", "size", "listdir", "get_modified_time"):
    setattr(SharedMediaStorage, _name, _as_os_error(getattr(S3Storage, _name)))
