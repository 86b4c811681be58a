import csv

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _

from posts.models import Post

from . import mail
from .models import Delivery, Digest, Mailing, Subscriber


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    """Who follows the blog and the proof each asked; erase through a privacy request
    (*Personuppgifter*), which covers subscriptions as it covers comments."""

    list_display = ["email", "status", "frequency", "created_at", "confirmed_at",
                    "consent_source"]
    list_filter = ["status", "frequency"]
    search_fields = ["email"]
    readonly_fields = ["email", "status", "frequency", "created_at", "confirmation_sent_at",
                       "confirmed_at", "unsubscribed_at", "consent_source", "consent_text"]
    actions = ["export_csv"]

    def has_add_permission(self, request):
        return False

    def changelist_view(self, request, extra_context=None):
        confirmed = Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).count()
        extra_context = {**(extra_context or {}),
                         "title": _("Subscribers: %(count)s confirmed") % {"count": confirmed}}
        return super().changelist_view(request, extra_context)

    @admin.action(description=_("Export the selected subscribers (CSV)"))
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="subscribers.csv"'
        writer = csv.writer(response)
        writer.writerow(["email", "status", "frequency", "signed_up", "confirmed", "source",
                         "consent"])
        for s in queryset:
            writer.writerow([s.email, s.status, s.frequency, s.created_at.isoformat(),
                             s.confirmed_at.isoformat() if s.confirmed_at else "",
                             s.consent_source, s.consent_text])
        return response


class DeliveryCounts(admin.ModelAdmin):
    """To how many it went, how many could not be sent, and how many still wait."""

    def get_queryset(self, request):
        states = Delivery.State
        return super().get_queryset(request).annotate(
            sent_count=Count("deliveries", filter=Q(deliveries__state=states.SENT)),
            failed_count=Count("deliveries", filter=Q(deliveries__state=states.FAILED)),
            waiting_count=Count("deliveries", filter=Q(
                deliveries__state__in=[states.QUEUED, states.SENDING])))

    @admin.display(description=_("sent"), ordering="sent_count")
    def sent(self, mailing):
        return mailing.sent_count

    @admin.display(description=_("failed"), ordering="failed_count")
    def failed(self, mailing):
        return mailing.failed_count

    @admin.display(description=_("waiting"))
    def waiting(self, mailing):
        return mailing.waiting_count

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Digest)
class DigestAdmin(DeliveryCounts):
    list_display = ["week", "sent", "failed", "waiting"]


@admin.register(Mailing)
class MailingAdmin(DeliveryCounts):
    """Per post: the counts, and the writer's test mail of a post to themself."""

    list_display = ["post", "created_at", "sent", "failed", "waiting"]
    list_select_related = ["post"]

    def get_urls(self):
        test = path("test/<int:post_id>/", self.admin_site.admin_view(self.test_mail),
                    name="subscriptions_mailing_test")
        return [test, *super().get_urls()]

    def test_mail(self, request, post_id):
        """The post as subscribers will get it, as last saved, mailed to the writer only
        (the button on the post's form; only a POST sends)."""
        post = get_object_or_404(Post, pk=post_id)
        back = redirect("admin:posts_post_change", post.pk)
        if request.method != "POST" or not request.user.has_perm("posts.change_post"):
            return back
        if not request.user.email:
            messages.error(request, _("Your account has no e-mail address: add one under "
                                      "“Your e-mail address” first."))
            return back
        try:
            mail.post_mail(post, Subscriber(email=request.user.email, pk=0)).send()
        except Exception:
            messages.error(request, _("The test mail could not be sent: the mail server did "
                                      "not answer. Try again in a while."))
            return back
        messages.success(request, _("A test mail of the post as last saved was sent to "
                                    "%(email)s.") % {"email": request.user.email})
        return back
