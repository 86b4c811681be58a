from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Site code every app shares (sanitizing, the page cache, batching); it imports no app."""

    name = "core"
    verbose_name = "Core"
