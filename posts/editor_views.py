"""The endpoints behind the markdownx editor, replacing the package's own.

django-markdownx's views check neither login nor permission, accept SVG and
trust the client's content type. These answer staff only, run the preview
through our own renderer (so it equals the page) and re-encode every image.
Every image keeps the alt text the writer gave it (asked for on upload), so the
media library offers it again when the image is used once more.
"""

import hashlib
import logging

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views import View

from . import images
from .models import UploadedImage
from .rendering import render_markdown

logger = logging.getLogger(__name__)


class StaffOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not (request.user.is_active and request.user.is_staff):
            return JsonResponse({"error": "forbidden"}, status=403)
        return super().dispatch(request, *args, **kwargs)


class MarkdownPreviewView(StaffOnlyMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        return HttpResponse(render_markdown(request.POST.get("content", "")))


class ImageUploadView(StaffOnlyMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        upload = request.FILES.get("image")
        if upload is None:
            return JsonResponse({"image": [_("No image was sent.")]}, status=400)
        if not request.user.has_perm("posts.add_uploadedimage"):
            return JsonResponse({"image": [_("You may not upload images.")]}, status=403)
        digest = file_digest(upload)
        known = UploadedImage.objects.filter(digest=digest).first()
        if known is not None:
            if not known.alt_text and alt_text(request):
                known.alt_text = alt_text(request)
                known.save(update_fields=["alt_text"])
            return JsonResponse(described(known))
        try:
            clean = images.reencode(upload)
        except ValidationError as error:
            return JsonResponse({"image": error.messages}, status=400)
        record = UploadedImage(uploaded_by=request.user, alt_text=alt_text(request),
                               digest=digest)
        try:
            sizes = images.store(clean, record.file.field.generate_filename(record, clean.name))
        except OSError:
            logger.exception("Could not store an uploaded image")
            return JsonResponse({"image": [str(images.DISK_FULL)]}, status=507)
        record.file.name = sizes[-1].name
        record.width, record.height = sizes[-1].width, sizes[-1].height
        record.save()
        return JsonResponse(described(record))


def file_digest(upload):
    """The same file uploaded twice is stored once: it is known by this digest."""
    hasher = hashlib.sha256()
    for chunk in upload.chunks():
        hasher.update(chunk)
    upload.seek(0)
    return hasher.hexdigest()


def alt_text(request):
    longest = UploadedImage._meta.get_field("alt_text").max_length
    return " ".join(request.POST.get("alt", "").split())[:longest]


def described(record):
    """An image as the editor's media library shows and inserts it."""
    url = default_storage.url(record.file.name)
    small = images.rendition_name(record.file.name, images.RENDITION_WIDTHS[0])
    alt = record.alt_text.replace("[", "(").replace("]", ")")
    return {
        "id": record.pk, "url": url, "alt": record.alt_text,
        "thumbnail": default_storage.url(small) if record.width > images.RENDITION_WIDTHS[0]
        and not record.file.name.lower().endswith(".gif") else url,
        "width": record.width, "height": record.height,
        "image_code": f"![{alt}]({url})",
    }


class ImageLibraryView(StaffOnlyMixin, View):
    """The latest uploads, newest first, for the editor to pick one again."""

    http_method_names = ["get"]
    SHOWN = 60

    def get(self, request):
        if not request.user.has_perm("posts.view_uploadedimage"):
            return JsonResponse({"error": "forbidden"}, status=403)
        latest = UploadedImage.objects.order_by("-uploaded_at", "-pk")[: self.SHOWN]
        return JsonResponse({"images": [described(record) for record in latest]})


class ImageAltTextView(StaffOnlyMixin, View):
    """Store the alt text of an image, as asked after it was dropped into the editor."""

    http_method_names = ["post"]

    def post(self, request, pk):
        if not request.user.has_perm("posts.change_uploadedimage"):
            return JsonResponse({"error": "forbidden"}, status=403)
        record = get_object_or_404(UploadedImage, pk=pk)
        record.alt_text = alt_text(request)
        record.save(update_fields=["alt_text"])
        return JsonResponse(described(record))
