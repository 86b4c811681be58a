"""The one table of the files the site stores and serves, by extension.

Uploads are accepted, the media view serves inline and the importer copies
only what is named here; docs/deploying.md's nginx example repeats it for a web server.
"""

IMAGE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png",
               ".gif": "image/gif", ".webp": "image/webp"}
AUDIO_TYPES = {".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".ogg": "audio/ogg"}
VIDEO_TYPES = {".mp4": "video/mp4", ".webm": "video/webm"}
INLINE_TYPES = IMAGE_TYPES | AUDIO_TYPES | VIDEO_TYPES
