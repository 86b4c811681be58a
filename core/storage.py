"""Media files on this server's disk, never left half-written.

A shared bucket is ``core.shared_storage``, imported only when ``S3_BUCKET`` names one:
botocore costs every process some 30 MB.

Django's ``FileSystemStorage`` writes an upload straight to its final name; when
the disk fills up half-way, the truncated file stays there under a name that
looks valid. Here the bytes go to a hidden temporary file in the same folder
first, and only a complete file is linked under its final name (``os.link`` fails
rather than overwrite, so a name taken meanwhile gets the next free one; a file
system without hard links gets a rename); the temporary file is always removed.
"""

import contextlib
import os
import tempfile

from django.conf import settings
from django.core.files.storage import FileSystemStorage


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


SHARED = "core.shared_storage.SharedMediaStorage"
"""The bucket's backend, named without importing it."""


def in_a_bucket() -> bool:
    """Whether media go to the shared bucket, asked without loading its code."""
    return settings.STORAGES["default"]["BACKEND"] == SHARED
