"""Give a group permissions from inside a data migration.

Permissions are normally made after all migrations have run, so a migration
that hands them to a group must create them first.
"""

from django.contrib.auth.management import create_permissions


def _permissions(apps, codenames):
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module
    Permission = apps.get_model("auth", "Permission")
    wanted = set(codenames)
    permissions = Permission.objects.select_related("content_type").filter(
        codename__in={codename for _, codename in codenames}
    )
    return [p for p in permissions if (p.content_type.app_label, p.codename) in wanted]


def ensure_group(apps, name, codenames):
    """Create the group ``name`` holding exactly ``codenames`` ((app label, codename) pairs)."""
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=name)
    group.permissions.set(_permissions(apps, codenames))


def grant(apps, name, codenames):
    """Add ``codenames`` to the group ``name``, creating it if needed."""
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=name)
    group.permissions.add(*_permissions(apps, codenames))
