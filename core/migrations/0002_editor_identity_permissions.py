from django.db import migrations

from core.groups import grant

IDENTITY_PERMISSIONS = [("core", f"{action}_siteidentity") for action in ("change", "view")]


def give_editors_the_identity(apps, schema_editor):
    grant(apps, "Redaktör", IDENTITY_PERMISSIONS)


def take_it_back(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Redaktör"):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="core"))


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_site_identity"),
        ("posts", "0002_editor_group"),
    ]

    operations = [migrations.RunPython(give_editors_the_identity, take_it_back)]
