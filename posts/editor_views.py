"""The endpoints behind the markdownx editor, replacing the package's own.

django-markdownx's views check neither login nor permission, accept SVG and
trust the client's content type. These answer staff only, run the preview
through our own renderer (so it equals the page) and re-encode every image.
Every image keeps the alt text the writer gave it (asked for on upload), so the
media library offers it again when the image is used once more.
"""

import logging

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views import View

from . import images, media_library
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
        try:
            record = media_library.receive(upload, request.POST.get("alt", ""), request.user)
        except ValidationError as error:
            return JsonResponse({"image": error.messages}, status=400)
        except OSError:
            logger.exception("Could not store an uploaded image")
            return JsonResponse({"image": [str(images.DISK_FULL)]}, status=507)
        return JsonResponse(described(record))


def described(record):
    """An image as the editor's media library shows and inserts it."""
    url = default_storage.url(record.file.name)
    alt = record.alt_text.replace("[", "(").replace("]", ")")
    return {
        "id": record.pk, "url": url, "alt": record.alt_text,
        "thumbnail": media_library.thumbnail_url(record),
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
        record.alt_text = media_library.clean_alt(request.POST.get("alt", ""))
        record.save(update_fields=["alt_text"])
        return JsonResponse(described(record))
