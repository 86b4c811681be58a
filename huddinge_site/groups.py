"""Create a group with exactly the given permissions, from inside a data migration.

Permissions are normally made after all migrations have run, so a migration
that hands them to a group must create them first.
"""

from django.contrib.auth.management import create_permissions


def ensure_group(apps, name, codenames):
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=name)
    wanted = set(codenames)
    permissions = Permission.objects.select_related("content_type").filter(
        codename__in={codename for _, codename in codenames}
    )
    group.permissions.set(
        [p for p in permissions if (p.content_type.app_label, p.codename) in wanted]
    )
