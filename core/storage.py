"""Where media files are kept: on this server's disk (the default) or in a shared bucket.

On disk, a file is never left half-written.

Django's ``FileSystemStorage`` writes an upload straight to its final name; when
the disk fills up half-way, the truncated file stays there under a name that
looks valid. Here the bytes go to a hidden temporary file in the same folder
first, and only a complete file is linked under its final name (``os.link`` fails
rather than overwrite, so a name taken meanwhile gets the next free one; a file
system without hard links gets a rename); the temporary file is always removed.
"""

import contextlib
import functools
import os
import tempfile

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage
from storages.utils import clean_name


class WholeFileStorage(FileSystemStorage):
    def _save(self, name, content):
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        os.makedirs(directory, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=".upload-")
        try:
            with os.fdopen(descriptor, "wb") as out:
                for chunk in content.chunks():
                    out.write(chunk)
            while not self._place(temporary, full_path):
                name = self.get_available_name(name)
                full_path = self.path(name)
            if self.file_permissions_mode is not None:
                os.chmod(full_path, self.file_permissions_mode)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
        return str(name).replace("\\", "/")

    @staticmethod
    def _place(temporary, full_path):
        """Give the complete file its name, unless that name is taken."""
        try:
            os.link(temporary, full_path)
        except FileExistsError:
            return False
        except OSError:
            if os.path.exists(full_path):
                return False
            os.replace(temporary, full_path)
        return True


class SharedMediaStorage(S3Storage):
    """Media in an S3-compatible bucket (MinIO, Ceph, AWS, R2), shared by every server.

    Addresses stay on this site (``MEDIA_URL``), served by ``posts.media_views``
    from the bucket and kept by the front cache, so readers never fetch from the
    storage provider and the Content Security Policy stays ``'self'``. Uploads
    to S3 are whole or absent by nature: an object exists only once complete.

    A store that refuses or stalls raises ``OSError`` here, as a full disk does, so
    every caller answers as it does for a disk fault (the editor's upload with its JSON
    message, a form with what was typed, media with a 503) instead of a server error.
    """

    def url(self, name, parameters=None, expire=None, http_method=None):
        return settings.MEDIA_URL + filepath_to_uri(clean_name(name))


def _as_os_error(method):
    @functools.wraps(method)
    def guarded(*args, **kwargs):
        try:
            return method(*args, **kwargs)
        except (BotoCoreError, ClientError) as error:
            raise OSError(f"the media store failed: {error}") from error

    return guarded


for _name in ("_open", "_save", "delete", "exists", "size", "listdir", "get_modified_time"):
    setattr(SharedMediaStorage, _name, _as_os_error(getattr(S3Storage, _name)))
