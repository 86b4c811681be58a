"""Audio and video uploads: the extension must match what the file really is.

Files are not re-encoded (that would need ffmpeg), so the first bytes are
checked against the container each extension promises, and markup anywhere in
the head of the file refuses it. They are served with the content type of
their extension and a policy that forbids running anything (``media_views``).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .images import MARKUP_SIGNS

SIGNATURES = {
    ".mp3": lambda head: head.startswith(b"ID3") or head[:2] in {b"\xff\xfb", b"\xff\xf3",
                                                                 b"\xff\xf2"},
    ".m4a": lambda head: head[4:8] == b"ftyp",
    ".mp4": lambda head: head[4:8] == b"ftyp",
    ".ogg": lambda head: head.startswith(b"OggS"),
    ".webm": lambda head: head.startswith(b"\x1a\x45\xdf\xa3"),
}


def validate_media_file(upload, extension):
    if upload.size > settings.MEDIA_UPLOAD_MAX_BYTES:
        raise ValidationError(_("The file is too large."), code="size")
    check = SIGNATURES.get(extension)
    if check is None:
        raise ValidationError(_("Only MP3, M4A, OGG, MP4 and WebM files."), code="type")
    upload.seek(0)
    head = upload.read(64 * 1024)
    upload.seek(0)
    if not check(head):
        raise ValidationError(_("The file's content does not match its name."), code="mismatch")
    if any(sign in head.lower() for sign in MARKUP_SIGNS):
        raise ValidationError(_("The file contains web page code and was refused."),
                              code="polyglot")
