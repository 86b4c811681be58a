import json

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin_options import HTTPS_URLS

from . import privacy, replies, status
from .forms import ReplyForm
from .models import Comment, ModerationSettings


class StatusFilter(admin.SimpleListFilter):
    """Opens on the pending queue, the moderator's everyday view."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [*Comment.Status.choices, ("all", _("All"))]

    def choices(self, changelist):
        for value, label in self.lookup_choices:
            yield {
                "selected": (self.value() or Comment.Status.PENDING) == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        value = self.value() or Comment.Status.PENDING
        return queryset if value == "all" else queryset.filter(status=value)


def _moderation_action(new_status, description):
    @admin.action(description=description, permissions=["moderate"])
    def action(modeladmin, request, queryset):
        changed = status.set_status(queryset, new_status, request.user)
        modeladmin.message_user(
            request,
            ngettext("%d comment changed.", "%d comments changed.", changed) % changed,
            messages.SUCCESS,
        )

    action.__name__ = f"mark_{new_status}"
    return action


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["excerpt", "author_name", "author_email", "post", "status", "reason",
                    "submitted_at"]
    list_filter = [StatusFilter, "kind", "submitted_at"]
    search_fields = ["author_name", "author_email", "author_url", "body", "ip_address"]
    list_select_related = ["post"]
    date_hierarchy = "submitted_at"
    raw_id_fields = ["post", "parent"]
    formfield_overrides = HTTPS_URLS
    readonly_fields = ["submitted_at", "ip_address", "user_agent", "moderated_at",
                       "moderated_by", "reason", "user", "kind"]
    fields = ["post", "parent", "author_name", "author_email", "author_url", "body", "status",
              "reason", "kind", "user", "submitted_at", "ip_address", "user_agent",
              "moderated_at", "moderated_by"]
    actions = [
        _moderation_action(Comment.Status.APPROVED, _("Approve selected comments")),
        _moderation_action(Comment.Status.PENDING, _("Unapprove selected comments")),
        _moderation_action(Comment.Status.SPAM, _("Mark selected comments as spam")),
        _moderation_action(Comment.Status.TRASH, _("Move selected comments to the trash")),
        "export_personal_data",
        "erase_personal_data",
    ]

    @admin.display(description=_("comment"))
    def excerpt(self, comment):
        return Truncator(comment.body).chars(80)

    def get_list_display(self, request):
        """The comment, then a reply link beside it, reading the discussion settings once
        per page rather than once per row."""
        rules = ModerationSettings.current()

        @admin.display(description=_("reply"))
        def reply_link(comment):
            if replies.reply_problem(comment, rules):
                return ""
            url = reverse("admin:comments_comment_reply", args=[comment.pk])
            return format_html('<a href="{}">{}</a>', url, _("Reply"))

        excerpt, *others = self.list_display
        return [excerpt, reply_link, *others]

    def get_urls(self):
        return [
            path("<int:pk>/reply/", self.admin_site.admin_view(self.reply_view),
                 name="comments_comment_reply"),
            *super().get_urls(),
        ]

    def reply_view(self, request, pk):
        """Answer a comment as the logged-in moderator, approving it if it was held."""
        if not self.has_moderate_permission(request):
            raise PermissionDenied
        parent = get_object_or_404(Comment.objects.select_related("post"), pk=pk)
        form = ReplyForm(request.POST or None)
        if form.is_valid():
            try:
                answer = replies.reply(parent, request.user, form.cleaned_data["body"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(request, format_html(
                    '{} <a href="{}">{}</a>', _("Your reply is published."),
                    answer.get_absolute_url(), _("View it on the site"),
                ), messages.SUCCESS)
                return redirect("admin:comments_comment_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Reply to %(name)s") % {"name": parent.author_name},
            "parent": parent,
            "form": form,
            "problem": (None if form.is_bound
                        else replies.reply_problem(parent, ModerationSettings.current())),
        }
        return TemplateResponse(request, "admin/comments/comment/reply.html", context)

    def has_moderate_permission(self, request):
        return request.user.has_perm("comments.moderate_comment")

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        """Other fields are saved as edited; a new status goes through ``status.set_status``."""
        wanted = obj.status
        if change and "status" in form.changed_data:
            obj.status = form.initial["status"]
        super().save_model(request, obj, form, change)
        if wanted == obj.status:
            return
        if self.has_moderate_permission(request):
            status.set_status(Comment.objects.filter(pk=obj.pk), wanted, request.user)
            obj.refresh_from_db()
        else:
            messages.error(request, _("You may not moderate comments."))

    @admin.action(description=_("Export the commenters' personal data (JSON)"),
                  permissions=["moderate"])
    def export_personal_data(self, request, queryset):
        emails = sorted(set(queryset.values_list("author_email", flat=True)))
        data = {email: privacy.export(email) for email in emails}
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2, default=str),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="personuppgifter.json"'
        return response

    @admin.action(description=_("Erase the commenters' personal data (keep the text)"),
                  permissions=["moderate"])
    def erase_personal_data(self, request, queryset):
        emails = set(queryset.values_list("author_email", flat=True))
        erased = sum(privacy.erase(email) for email in emails)
        self.message_user(
            request,
            ngettext("%d comment anonymised.", "%d comments anonymised.", erased) % erased,
            messages.SUCCESS,
        )


@admin.register(ModerationSettings)
class ModerationSettingsAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return not ModerationSettings.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        current = ModerationSettings.objects.first()
        if current:
            return redirect("admin:comments_moderationsettings_change", current.pk)
        return redirect("admin:comments_moderationsettings_add")
