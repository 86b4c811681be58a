from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations, models

INDEX = "posts_searchword_folded_trgm"


def index_existing_posts(apps, schema_editor):
    """Rebuild the search documents without accents and learn the posts' words."""
    from posts import search

    Post = apps.get_model("posts", "Post")
    if schema_editor.connection.vendor == "postgresql":
        Post.objects.update(search_document=search.document())
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON posts_searchword USING gin (folded gin_trgm_ops)")
    SearchWord = apps.get_model("posts", "SearchWord")
    found = {}
    for title, body in Post.objects.values_list("title", "body").iterator():
        found.update(search.search_words.words(f"{title} {body}"))
    SearchWord.objects.bulk_create([SearchWord(folded=key, word=word) for key, word in found.items()],
                                   ignore_conflicts=True, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("posts", "0011_post_email_subscribers"),
    ]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                ("folded", models.CharField(max_length=40, primary_key=True, serialize=False)),
                ("word", models.CharField(max_length=40)),
            ],
        ),
        migrations.RunPython(index_existing_posts, migrations.RunPython.noop),
    ]
