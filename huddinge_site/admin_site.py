"""The admin site in the writer's words.

Django lists models by app, under labels such as "CORE" or "OTP_TOTP". A writer
thinks in posts, comments, pages and images, then settings, then (for the
superuser) security. ``SECTIONS`` is that order and those names; each user sees the
parts their permissions allow. The number of held comments stands beside
*Kommentarer*, as WordPress shows it, and the dashboard opens with the first steps
of a new site (``first_steps``) until they are done or hidden.
"""

from django.conf import settings
from django.contrib import admin
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.no_store import never_stored

SECTIONS = [
    ("writing", gettext_lazy("Writing"), [
        ("posts.post", None), ("comments.comment", None), ("pages.page", None),
        ("posts.uploadedimage", None), ("posts.category", None), ("posts.tag", None),
        ("posts.redirect", None), ("comments.privacyrequest", None),
    ]),
    ("readers", gettext_lazy("Readers"), [
        ("subscriptions.subscriber", None), ("subscriptions.mailing", None),
        ("subscriptions.digest", None),
        ("fediverse.follower", gettext_lazy("Followers on Mastodon and the fediverse")),
        ("fediverse.block", gettext_lazy("Blocked on the fediverse")),
    ]),
    ("settings", gettext_lazy("Settings"), [
        ("core.siteidentity", gettext_lazy("Identity: name, portrait, links")),
        ("comments.moderationsettings", gettext_lazy("Discussion")),
        ("pages.frontpage", gettext_lazy("Front page")),
        ("wordpress_import.importrun", gettext_lazy("Move from WordPress")),
    ]),
    ("security", gettext_lazy("Security"), [
        ("auth.user", None), ("auth.group", None),
        ("otp_totp.totpdevice", gettext_lazy("Authenticator apps")),
        ("otp_static.staticdevice", gettext_lazy("Recovery codes")),
        ("axes.accessattempt", gettext_lazy("Failed sign-ins")),
        ("axes.accesslog", gettext_lazy("Sign-in log")),
        ("axes.accessfailurelog", gettext_lazy("Sign-in failures")),
        ("django_tasks_database.dbtaskresult", gettext_lazy("Background jobs")),
    ]),
]


class SiteAdmin(admin.AdminSite):
    index_template = "admin/index.html"

    def get_app_list(self, request, app_label=None):
        if app_label is not None:
            return super().get_app_list(request, app_label)
        models = {f"{app['app_label']}.{model['object_name'].lower()}": model
                  for app in super().get_app_list(request)
                  for model in app["models"]}
        sections = []
        for label, name, members in SECTIONS:
            shown = []
            for key, title in members:
                model = models.pop(key, None)
                if model is not None:
                    shown.append({**model, "name": str(title) if title else model["name"]})
            if label == "security" and not request.user.is_superuser:
                continue
            if shown:
                sections.append({"name": str(name), "app_label": label, "models": shown,
                                 "app_url": shown[0]["admin_url"], "has_module_perms": True})
        if models and request.user.is_superuser:
            sections.append({"name": _("Other"), "app_label": "other", "app_url": "",
                             "has_module_perms": True, "models": list(models.values())})
        _count_held(request, sections)
        return sections

    def each_context(self, request):
        """One name for the site everywhere: the identity's, in the admin too."""
        from core import identity

        name = identity.current().site_name
        return {**super().each_context(request), "site_header": name, "site_title": name,
                "HELD_COUNT_SECONDS": settings.HELD_COUNT_SECONDS}

    def get_urls(self):
        from . import first_steps

        return [
            path("welcome/", self.admin_view(first_steps.toggle), name="welcome-toggle"),
            path("demo/remove/", self.admin_view(first_steps.remove_demo),
                 name="demo-remove"),
            path("email/", self.admin_view(first_steps.my_email), name="my-email"),
            path("held/", self.admin_view(self.held), name="held-count"),
            *super().get_urls(),
        ]

    def held(self, request):
        """The comments entry's label as it is now, for the admin's pages to refresh
        without a reload (``static/js/held_count.js``)."""
        from comments.models import Comment

        if not request.user.has_perm("comments.view_comment"):
            return JsonResponse({}, status=403)
        name = capfirst(Comment._meta.verbose_name_plural)
        return never_stored(JsonResponse({
            "url": reverse("admin:comments_comment_changelist"),
            "label": held_label(name, Comment.objects.filter(
                status=Comment.Status.PENDING).count()),
        }))

    def index(self, request, extra_context=None):
        from . import first_steps

        context = {"first_steps": first_steps.steps(request), **(extra_context or {})}
        return super().index(request, context)


def held_label(name, held):
    return _("%(name)s (%(count)d waiting)") % {"name": name, "count": held} if held else name


def _count_held(request, sections):
    from comments.models import Comment

    for section in sections:
        for model in section["models"]:
            if model["model"] is Comment:
                model["name"] = held_label(model["name"], Comment.objects.filter(
                    status=Comment.Status.PENDING).count())
