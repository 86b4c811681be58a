"""*Flytta från WordPress* in the admin: upload, see what the file holds, start, watch,
read the report, undo (``runs``)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.no_store import never_stored

from . import runs
from .models import ImportRun

COUNTED = [("posts", gettext_lazy("posts")), ("pages", gettext_lazy("pages")),
           ("comments", gettext_lazy("comments")), ("images", gettext_lazy("images")),
           ("links", gettext_lazy("old links"))]


KINDS = {"posts": gettext_lazy("Posts"), "pages": gettext_lazy("Pages"),
         "comments": gettext_lazy("Comments"), "categories": gettext_lazy("Categories"),
         "tags": gettext_lazy("Tags"), "authors": gettext_lazy("Authors"),
         "attachments": gettext_lazy("Images and files"),
         "redirects": gettext_lazy("Old addresses leading here"),
         "skipped items": gettext_lazy("Left out")}
OUTCOMES = {"created": gettext_lazy("new"), "updated": gettext_lazy("updated"),
            "unchanged": gettext_lazy("unchanged"), "copied": gettext_lazy("copied"),
            "missing": gettext_lazy("could not be fetched")}


def report_rows(report):
    """The report's counts as the owner reads them: ``[(what, "2 new, 1 updated")]``."""
    return [(KINDS.get(kind, kind), ", ".join(f"{n} {OUTCOMES.get(outcome, outcome)}"
                                              for outcome, n in outcomes.items()))
            for kind, outcomes in report.get("counts", {}).items()]


class UploadForm(forms.Form):
    export = forms.FileField(
        label=gettext_lazy("Export file from WordPress"),
        help_text=gettext_lazy("In WordPress: Verktyg → Exportera → Allt innehåll → Ladda ner "
                               "exportfil. The file ends in .xml."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xml,text/xml,application/xml"}))
    fetch_media = forms.BooleanField(
        label=gettext_lazy("Fetch the images from the old site"), required=False, initial=True)


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ["original_name", "state", "created_at", "created_by"]

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/start/", view(self.start_view), name="wordpress_import_start"),
            path("<int:pk>/undo/", view(self.undo_view), name="wordpress_import_undo"),
            *super().get_urls(),
        ]

    def _page(self, request, template, **context):
        context = {**self.admin_site.each_context(request), "opts": self.opts,
                   **context}
        return never_stored(
            TemplateResponse(request, f"admin/wordpress_import/{template}", context))

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = UploadForm(request.POST or None, request.FILES or None)
        if form.is_valid():
            try:
                run = runs.create(form.cleaned_data["export"], request.user,
                                  form.cleaned_data["fetch_media"])
            except ValidationError as error:
                form.add_error("export", error)
            else:
                return redirect("admin:wordpress_import_importrun_change", run.pk)
        status = 400 if form.is_bound else 200
        response = self._page(request, "upload.html", form=form, busy=runs.busy(),
                              title=_("Move your WordPress blog here"))
        response.status_code = status
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        run = get_object_or_404(ImportRun, pk=object_id)
        contents = [(run.contents.get(key, 0), label) for key, label in COUNTED]
        return self._page(request, "run.html", run=run, progress=runs.progress(run),
                          contents=contents, report_rows=report_rows(run.report),
                          title=_("WordPress import: %(name)s") % {"name": run},
                          remaining=runs.remaining(run))

    def start_view(self, request, pk):
        return self._act(request, pk, runs.start, _("The import has started. You can leave "
                                                    "this page: it goes on without you."))

    def undo_view(self, request, pk):
        return self._act(request, pk, runs.undo, _("The import is undone: what it made is "
                                                   "removed, except what you changed since."))

    def _act(self, request, pk, action, done):
        if request.method != "POST" or not self.has_change_permission(request):
            raise PermissionDenied
        run = get_object_or_404(ImportRun, pk=pk)
        try:
            action(run)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done)
        return redirect(reverse("admin:wordpress_import_importrun_change", args=[pk]))
