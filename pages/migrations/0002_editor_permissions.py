from django.db import migrations

from core.groups import grant

PAGE_PERMISSIONS = [("pages", f"{action}_page") for action in ("add", "change", "delete", "view")]


def give_editors_pages(apps, schema_editor):
    grant(apps, "Redaktör", PAGE_PERMISSIONS)


def take_pages_from_editors(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Redaktör"):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="pages"))


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
        ("posts", "0002_editor_group"),
    ]

    operations = [migrations.RunPython(give_editors_pages, take_pages_from_editors)]
