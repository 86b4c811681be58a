from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The project on top of the apps: wiring between them, and whole-site commands
    (backups, the demo). No app imports from here."""

    name = "huddinge_site"
    verbose_name = "Huddinge site"

    def ready(self):
        from . import invalidation  # noqa: F401
