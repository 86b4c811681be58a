"""Revisions of posts and pages: every save kept (django-reversion), compared and restored.

Each save in the admin stores a revision with who and when (``VersionAdmin``). The
writer compares any two, or one with the text as it is now, as a word-by-word diff
of title, excerpt and body, and restores an older one with one button: as in
WordPress, a restore brings back the text (title, body, excerpt), not the status or
publication time, and is saved as a new revision itself, so nothing is lost by it.
"""

import difflib
import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reversion import create_revision, set_comment, set_user
from reversion.admin import VersionAdmin
from reversion.models import Version

TEXT_FIELDS = ("title", "excerpt", "body")


_WORD = re.compile(r"\S+\s*|\s+")


def word_diff(old, new):
    """``(kind, text)`` pieces of the text, kind being ``same``, ``removed`` or ``added``:
    word by word (each word with the space after it), as a writer reads a change."""
    before, after = _WORD.findall(old or ""), _WORD.findall(new or "")
    pieces = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "equal":
            pieces.append(("same", "".join(before[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("removed", "".join(before[i1:i2])))
        if j2 > j1:
            pieces.append(("added", "".join(after[j1:j2])))
    return pieces


class RevisionsAdmin(VersionAdmin):
    object_history_template = "admin/revisions.html"

    def text_fields(self):
        names = {field.name for field in self.model._meta.fields}
        return [name for name in TEXT_FIELDS if name in names]

    def _url_name(self, view):
        return f"{self.model._meta.app_label}_{self.model._meta.model_name}_{view}"

    def get_urls(self):
        return [
            path("<path:object_id>/history/compare/", self.admin_site.admin_view(self.compare),
                 name=self._url_name("compare")),
            path("<path:object_id>/history/<int:version_id>/restore/",
                 self.admin_site.admin_view(self.restore), name=self._url_name("restore")),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        obj = get_object_or_404(self.model, pk=object_id)
        versions = Version.objects.get_for_object(obj).select_related("revision__user")
        context = {"versions": versions, "may_restore": self.has_change_permission(request, obj),
                   **(extra_context or {})}
        return super().history_view(request, object_id, context)

    def _versions(self, request, obj):
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        return Version.objects.get_for_object(obj).select_related("revision__user")

    def compare(self, request, object_id):
        obj = get_object_or_404(self.model, pk=object_id)
        versions = self._versions(request, obj)
        older = get_object_or_404(versions, pk=request.GET.get("from", ""))
        newer_id = request.GET.get("to", "current")
        newer = None if newer_id == "current" else get_object_or_404(versions, pk=newer_id)
        now = {name: getattr(obj, name) for name in self.text_fields()}
        after = newer.field_dict if newer else now
        fields = [(self.model._meta.get_field(name).verbose_name,
                   word_diff(older.field_dict.get(name, ""), after.get(name, "")))
                  for name in self.text_fields()]
        context = {
            **self.admin_site.each_context(request), "opts": self.model._meta, "object": obj,
            "title": _("Compare revisions"), "older": older, "newer": newer, "fields": fields,
        }
        return TemplateResponse(request, "admin/revision_compare.html", context)

    def restore(self, request, object_id, version_id):
        obj = get_object_or_404(self.model, pk=object_id)
        version = get_object_or_404(self._versions(request, obj), pk=version_id)
        if request.method != "POST":
            return redirect(f"admin:{self._url_name('history')}", object_id)
        for name in self.text_fields():
            setattr(obj, name, version.field_dict.get(name, ""))
        when = formats.date_format(timezone.localtime(version.revision.date_created),
                                   "DATETIME_FORMAT")
        with create_revision():
            obj.save()
            set_user(request.user)
            set_comment(_("Restored the text from %(when)s.") % {"when": when})
        messages.success(request, _("The text from %(when)s is back.") % {"when": when})
        return redirect(f"admin:{self._url_name('change')}", object_id)
