from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin_options import HTTPS_URLS
from core.no_store import never_stored

from . import mail_links, privacy, replies, status
from .forms import ReplyForm
from .models import Comment, ModerationSettings, PrivacyRequest
from .queue import QueueAdmin


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
class CommentAdmin(QueueAdmin):
    list_display = ["whole_comment", "status_and_reason"]
    list_filter = [StatusFilter, "kind", "submitted_at"]
    search_fields = ["author_name", "author_email", "author_url", "body", "ip_address"]
    list_select_related = ["post", "page"]
    date_hierarchy = "submitted_at"
    raw_id_fields = ["post", "page", "parent"]
    formfield_overrides = HTTPS_URLS
    readonly_fields = ["submitted_at", "ip_address", "user_agent", "moderated_at",
                       "moderated_by", "reason", "user", "kind"]
    fields = ["post", "page", "parent", "author_name", "author_email", "author_url", "body",
              "status", "reason", "kind", "user", "submitted_at", "ip_address", "user_agent",
              "moderated_at", "moderated_by"]
    actions = [
        _moderation_action(Comment.Status.APPROVED, _("Approve selected comments")),
        _moderation_action(Comment.Status.PENDING, _("Unapprove selected comments")),
        _moderation_action(Comment.Status.SPAM, _("Mark selected comments as spam")),
        _moderation_action(Comment.Status.TRASH, _("Move selected comments to the trash")),
        "request_export",
        "request_erasure",
    ]

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

        comment, *others = self.list_display
        decide = [self.decisions] if self.has_moderate_permission(request) else []
        return [comment, *decide, reply_link, *others]

    def get_urls(self):
        return [
            path("<int:pk>/reply/", self.admin_site.admin_view(self.reply_view),
                 name="comments_comment_reply"),
            path("<int:pk>/decide/<str:token>/",
                 self.admin_site.admin_view(self.decide_by_mail),
                 name="comments_comment_decide_by_mail"),
            *super().get_urls(),
        ]

    def decide_by_mail(self, request, pk, token):
        """A decision link from the moderator e-mail (see ``comments.mail_links``)."""
        if not self.has_moderate_permission(request):
            raise PermissionDenied
        link = mail_links.read(token, pk)
        comment = Comment.objects.select_related("post", "page").filter(pk=pk).first()
        if link is None or comment is None:
            self.message_user(request, _("The link is not valid or has expired."),
                              messages.ERROR)
        elif not mail_links.still_open(link, comment):
            self.message_user(request, _("Someone has already decided on this comment: it "
                                         "is now %(status)s.") % {
                "status": comment.get_status_display().lower()}, messages.WARNING)
        elif request.method == "POST":
            self.apply_decision(request, pk, link["s"])
        else:
            context = {**self.admin_site.each_context(request), "opts": self.opts,
                       "title": mail_links.DECISIONS[link["s"]], "comment": comment}
            return never_stored(
                TemplateResponse(request, "admin/comments/comment/decide.html", context))
        return redirect("admin:comments_comment_changelist")

    def reply_view(self, request, pk):
        """Answer a comment as the logged-in moderator, approving it if it was held."""
        if not self.has_moderate_permission(request):
            raise PermissionDenied
        parent = get_object_or_404(Comment.objects.select_related("post", "page"), pk=pk)
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

    def _request_for_commenters(self, request, queryset, kind):
        emails = set(queryset.exclude(author_email="").exclude(
            author_email__iexact=privacy.ANONYMOUS_EMAIL).values_list("author_email", flat=True))
        addresses = sorted({email.lower() for email in emails})
        for email in addresses:
            privacy.open_request(PrivacyRequest(email=email, kind=kind, requested_by=request.user))
        self.message_user(request, ngettext(
            "A confirmation link was sent to %d address. Nothing happens until it is followed.",
            "A confirmation link was sent to %d addresses. "
            "Nothing happens until they are followed.",
            len(addresses)) % len(addresses), messages.SUCCESS)
        return redirect("admin:comments_privacyrequest_changelist")

    @admin.action(description=_("Ask the commenters to confirm an export of their data"),
                  permissions=["moderate"])
    def request_export(self, request, queryset):
        return self._request_for_commenters(request, queryset, PrivacyRequest.Kind.EXPORT)

    @admin.action(description=_("Ask the commenters to confirm erasure of their data"),
                  permissions=["moderate"])
    def request_erasure(self, request, queryset):
        return self._request_for_commenters(request, queryset, PrivacyRequest.Kind.ERASE)


@admin.register(PrivacyRequest)
class PrivacyRequestAdmin(admin.ModelAdmin):
    """Requests are made here or from the comment list; the owner of the address
    confirms by mail (see ``comments.privacy``). Moderators see what each touches."""

    list_display = ["email", "kind", "status", "comments_found", "created_at", "confirmed_at"]
    list_filter = ["status", "kind"]
    search_fields = ["email"]
    fields = ["email", "kind", "remove_text", "status", "requested_by", "created_at",
              "confirmed_at", "comments_affected", "affected"]

    def get_readonly_fields(self, request, obj=None):
        readonly = ["status", "requested_by", "created_at", "confirmed_at",
                    "comments_affected", "affected"]
        return readonly if obj is None else [*readonly, "email", "kind", "remove_text"]

    def has_module_permission(self, request):
        return request.user.has_perm("comments.moderate_comment")

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("comments found"))
    def comments_found(self, obj):
        return privacy.comments_of(obj.email).count()

    @admin.display(description=_("comments it touches"))
    def affected(self, obj):
        if obj.pk is None:
            return ""
        comments = (privacy.comments_of(obj.email).select_related("post", "page")
                    .order_by("-submitted_at"))
        rows = [(localtime(c.submitted_at).strftime("%Y-%m-%d %H:%M"), c.author_name,
                 c.target.title, c.get_status_display()) for c in comments]
        if not rows:
            return _("No comments are stored under this address.")
        return format_html_join("", "<p>{}: {}, “{}” ({})</p>", rows)

    def save_model(self, request, obj, form, change):
        obj.requested_by = request.user
        privacy.open_request(obj)


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
