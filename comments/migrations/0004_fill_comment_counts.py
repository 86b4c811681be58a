from django.db import migrations
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce


def fill(apps, schema_editor):
    Post = apps.get_model("posts", "Post")
    Comment = apps.get_model("comments", "Comment")
    approved = (
        Comment.objects.filter(post=OuterRef("pk"), status="approved", kind="comment")
        .order_by().values("post").annotate(n=Count("pk")).values("n")
    )
    Post.objects.update(comment_count=Coalesce(Subquery(approved, output_field=IntegerField()), 0))


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0003_wordpress_import"),
        ("posts", "0004_comment_count"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
