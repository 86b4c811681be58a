"""WordPress's ``[gallery]`` shortcode as the images it showed.

A gallery names its images by attachment ID (``ids="3,4"``) or, without IDs,
shows every image attached to the post, in menu order. Attachments may come
after their post in an export, so the importer reads them all first. Each image
is copied like any other (``--media-dir``/``--fetch-media``) and the gallery
becomes a figure of linked images with their captions.
"""

import html
import re

from .content import shortcode_attributes
from .media import relative_upload
from .shortcodes import outside_code

GALLERY = re.compile(r"(?:<p>\s*)?\[gallery([^\]]*)\](?:\s*</p>)?", re.IGNORECASE)


def _attached(attachments, post_id):
    found = [a for a in attachments.values()
             if a.get("wp:post_parent") == post_id and relative_upload(a.get("wp:attachment_url"))]
    return sorted(found, key=lambda a: (int(a.get("wp:menu_order") or 0),
                                        int(a.get("wp:post_id") or 0)))


def _images(attributes, post_id, attachments):
    ids = [value.strip() for value in attributes.get("ids", "").split(",") if value.strip()]
    if ids:
        return [attachments[i] for i in ids if i in attachments], \
            [i for i in ids if i not in attachments]
    chosen = _attached(attachments, post_id)
    if attributes.get("order", "").upper() == "DESC":
        chosen.reverse()
    return chosen, []


def _figure(images, media):
    items = []
    for attachment in images:
        url = attachment.get("wp:attachment_url")
        relative = relative_upload(url)
        name = media.image_name(relative, url) if relative else None
        source = media.url(name) if name else url
        alt = (attachment.meta.get("_wp_attachment_image_alt", "").strip()
               or attachment.title or "")
        caption = (attachment.fields.get("excerpt:encoded") or "").strip()
        image = f'<img src="{html.escape(source)}" alt="{html.escape(alt)}">'
        items.append(f'<a href="{html.escape(source)}">{image}</a>'
                     + (f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""))
    return "\n\n<figure>" + "".join(items) + "</figure>\n\n"


def fill(body, post_id, attachments, media):
    """``body`` with each gallery replaced by its images, and notes on what was not found."""
    notes = []

    def gallery(match):
        images, missing = _images(shortcode_attributes(match.group(1)), post_id, attachments)
        if missing:
            notes.append(f"gallery images {', '.join(missing)} are not in the export")
        if not images:
            notes.append("a gallery had no images in the export and was removed")
            return ""
        return _figure(images, media)

    found = []

    def count(piece):
        filled, n = GALLERY.subn(gallery, piece)
        found.append(n)
        return filled

    return outside_code(body, count), notes, sum(found)
