import django.contrib.postgres.search
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEX = "posts_post_search_document_gin"


def index_existing_posts(apps, schema_editor):
    """On PostgreSQL, fill the documents of the posts already there and index them."""
    if schema_editor.connection.vendor != "postgresql":
        return
    document = SearchVector("title", weight="A", config="swedish") + SearchVector(
        "body", weight="B", config="swedish"
    )
    apps.get_model("posts", "Post").objects.update(search_document=document)
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON posts_post USING gin (search_document)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("posts", "0004_comment_count"),
    ]

    operations = [
        migrations.AddField(
            model_name="post",
            name="search_document",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(index_existing_posts, drop_index),
    ]
