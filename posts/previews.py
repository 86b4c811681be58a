"""*Förhandsgranska*: the post as the form holds it now, in a new tab, saved nowhere.

WordPress's preview of a published post saves an autosave and shows that; a preview
that saved the post itself would publish whatever was typed. Here the editor's form is
posted to this view instead of the save (``formaction``, ``formtarget=_blank``): the
form is validated, its values put on the post in memory, the text rendered as on save,
and the public post page drawn from that, marked as a preview, kept by no cache and
shown to staff who may change the post only. The editor's tab is not submitted and
keeps everything; the public page is not touched. Categories, tags, press links and
clips show as saved (they are saved with the post).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.text import slugify

from core.no_store import never_stored

PLACEHOLDER_PK = 0


class PreviewAdmin:
    def get_urls(self):
        name = f"{self.model._meta.app_label}_{self.model._meta.model_name}_preview"
        return [
            path("preview/", self.admin_site.admin_view(self.preview),
                 name=f"{name}_new"),
            path("<path:object_id>/preview/", self.admin_site.admin_view(self.preview),
                 name=name),
            *super().get_urls(),
        ]

    def preview(self, request, object_id=None):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.get_object(request, object_id) if object_id else None
        if object_id and obj is None:
            raise Http404
        allowed = (self.has_change_permission(request, obj) if obj
                   else self.has_add_permission(request))
        if not allowed:
            raise PermissionDenied
        form = self.get_form(request, obj, change=obj is not None)(
            request.POST, request.FILES, instance=obj)
        form.is_valid()
        post = form.instance
        if post.pk is None:
            post.pk = PLACEHOLDER_PK
        post.slug = post.slug or slugify(post.title) or "forhandsgranskning"
        post.published_at = post.published_at or timezone.now()
        post.prepare()
        response = render(request, "posts/post_detail.html",
                          {"post": post, "unsaved_preview": True})
        response["X-Robots-Tag"] = "noindex, nofollow"
        return never_stored(response)
