from django.db import migrations

from core.groups import ensure_group


def create_moderator_group(apps, schema_editor):
    codenames = [("posts", f"view_{model}") for model in ("post", "category", "tag")] + [
        ("comments", codename)
        for codename in (
            "view_comment", "change_comment", "delete_comment", "moderate_comment",
            "view_moderationsettings", "change_moderationsettings",
        )
    ]
    ensure_group(apps, "Moderator", codenames)


def create_default_settings(apps, schema_editor):
    settings = apps.get_model("comments", "ModerationSettings")
    if not settings.objects.exists():
        settings.objects.create()


def remove_moderator_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Moderator").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("posts", "0002_editor_group"),
    ]

    operations = [
        migrations.RunPython(create_moderator_group, remove_moderator_group),
        migrations.RunPython(create_default_settings, migrations.RunPython.noop),
    ]
