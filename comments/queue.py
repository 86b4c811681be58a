"""The moderation queue's rows: the whole comment, and one click per decision.

WordPress's comment screen is the anchor: each row shows who wrote what, where and
when, with *Godkänn*, *Skräp*, *Papperskorg* (or *Återställ*) beside it. Each
decision is a submit button of the change list's own form (which carries the CSRF
token), so it works without JavaScript; with JavaScript (``static/js/queue.js``)
the same POST asks for JSON and the row changes in place, without a reload. Both
go through ``status.set_status``, as the bulk actions do.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from . import status
from .models import Comment

DECISIONS = {
    Comment.Status.APPROVED: _("Approve"),
    Comment.Status.PENDING: _("Unapprove"),
    Comment.Status.SPAM: _("Spam"),
    Comment.Status.TRASH: _("Trash"),
}


def decisions_for(comment):
    if comment.status in (Comment.Status.SPAM, Comment.Status.TRASH):
        return [(Comment.Status.PENDING, _("Restore")), (Comment.Status.APPROVED, _("Approve"))]
    return [(wanted, label) for wanted, label in DECISIONS.items() if wanted != comment.status]


def decision_buttons(comment):
    return format_html_join(
        " ", '<button type="submit" name="decide" value="{}:{}" class="button">{}</button>',
        ((comment.pk, wanted, label) for wanted, label in decisions_for(comment)))


class QueueAdmin(admin.ModelAdmin):
    list_display_links = None

    class Media:
        js = ["js/queue.js"]

    @admin.display(description=_("comment"))
    def whole_comment(self, comment):
        """The full text, wrapped, under who wrote it, where and when, with a link to it
        on the site (to the post while it is not shown there)."""
        target = comment.target
        public = comment.status == Comment.Status.APPROVED and target.is_public
        where = comment.get_absolute_url() if public else target.get_absolute_url()
        email = format_html(" · {}", comment.author_email) if comment.author_email else ""
        edit = reverse("admin:comments_comment_change", args=[comment.pk])
        return format_html(
            '<div class="queue-comment"><p class="queue-meta"><strong>{}</strong>{} · '
            '{} · <a href="{}">{}</a> · <a href="{}">{}</a></p>'
            '<div class="queue-text">{}</div></div>',
            comment.author_name, email,
            date_format(localtime(comment.submitted_at), "j F Y H:i"),
            where, target.title, edit, _("Edit"), linebreaksbr(comment.body),
        )

    @admin.display(description=_("status"), ordering="status")
    def status_and_reason(self, comment):
        reason = format_html('<br><span class="queue-reason">{}</span>', comment.reason) \
            if comment.reason else ""
        return format_html('<span class="queue-status">{}</span>{}',
                           comment.get_status_display(), reason)

    @admin.display(description=_("decide"))
    def decisions(self, comment):
        return format_html('<span class="queue-decisions">{}</span>', decision_buttons(comment))

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST" and "decide" in request.POST:
            return self._decide(request, request.POST["decide"])
        return super().changelist_view(request, extra_context)

    def _decide(self, request, decision):
        if not self.has_moderate_permission(request):
            raise PermissionDenied
        pk, _sep, wanted = decision.partition(":")
        if not pk.isdigit() or wanted not in Comment.Status.values:
            return HttpResponseBadRequest()
        if request.headers.get("accept") != "application/json":
            self.apply_decision(request, pk, wanted)
            return redirect(request.get_full_path())
        message = self.apply_decision(request, pk, wanted, tell=False)
        comment = Comment.objects.filter(pk=pk).first()
        if comment is None:
            return JsonResponse({"error": "gone"}, status=404)
        return JsonResponse({"message": message, "status": comment.get_status_display(),
                             "decisions": decision_buttons(comment)})

    def apply_decision(self, request, pk, wanted, tell=True):
        """Decide on one comment and return what it is now ("" if nothing changed), also
        as a message on the next page when ``tell``."""
        if not status.set_status(Comment.objects.filter(pk=pk), wanted, request.user):
            return ""
        message = str(_("The comment is now: %(status)s.") % {
            "status": Comment.Status(wanted).label})
        if tell:
            self.message_user(request, message, messages.SUCCESS)
        return message

    def has_moderate_permission(self, request):
        return request.user.has_perm("comments.moderate_comment")
