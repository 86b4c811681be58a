"""The endpoints behind the markdownx editor, replacing the package's own.

django-markdownx's views check neither login nor permission, accept SVG and
trust the client's content type. These answer staff only, run the preview
through our own renderer (so it equals the page) and re-encode every image.
"""

import logging

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import HttpResponse, JsonResponse
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
        try:
            clean = images.reencode(upload)
        except ValidationError as error:
            return JsonResponse({"image": error.messages}, status=400)
        record = UploadedImage(uploaded_by=request.user)
        try:
            sizes = images.store(clean, record.file.field.generate_filename(record, clean.name))
        except OSError:
            logger.exception("Could not store an uploaded image")
            return JsonResponse({"image": [str(images.DISK_FULL)]}, status=507)
        record.file.name = sizes[-1].name
        record.width, record.height = sizes[-1].width, sizes[-1].height
        record.save()
        return JsonResponse({"image_code": f"![]({default_storage.url(record.file.name)})"})
