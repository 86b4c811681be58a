from axes import apps as axes_apps
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The project on top of the apps: wiring between them, and whole-site commands
    (backups, the demo). No app imports from here."""

    default = True
    name = "huddinge_site"
    verbose_name = "Huddinge site"

    def ready(self):
        from . import cluster_checks, invalidation, media_bucket  # noqa: F401


class LoginAttemptsConfig(axes_apps.AppConfig):
    """django-axes under a name the admin's users read (it ships none in Swedish)."""

    default = False
    verbose_name = _("Login attempts")


class SiteAdminConfig(admin_apps.AdminConfig):
    """Django's admin, on the site's own ``AdminSite`` (``admin_site.SiteAdmin``)."""

    default = False
    default_site = "huddinge_site.admin_site.SiteAdmin"
