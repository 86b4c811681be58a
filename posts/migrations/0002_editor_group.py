from django.db import migrations

from core.groups import ensure_group

EDITOR_MODELS = ["post", "presslink", "embed", "category", "tag", "uploadedimage"]


def create_editor_group(apps, schema_editor):
    codenames = [
        ("posts", f"{action}_{model}")
        for model in EDITOR_MODELS
        for action in ("add", "change", "delete", "view")
    ]
    ensure_group(apps, "Redaktör", codenames)


def remove_editor_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Redaktör").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("posts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editor_group, remove_editor_group)]
