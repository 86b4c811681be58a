"""Make every shown HTML field again from its text: posts, pages and comments.

Shown HTML is derived on save (``Writing.prepare``, ``Comment.prepare``) and
stored. When the rules change (a sanitizer fix) or the rows came from outside (a
restored backup), what is stored is made again here, exactly as saving each in
the admin would, in batches, and every cached page is invalidated.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from comments.models import Comment
from core import page_cache
from pages.models import Page
from posts import search
from posts.models import Post

BATCH = 500


class InvalidAddress(ValueError):
    pass


@transaction.atomic
def render_everything():
    """Re-render all rows; returns how many of each were rendered."""
    counts = {}
    for model, fields in ((Post, ["title", "body_html", "summary"]),
                          (Page, ["title", "body_html"])):
        slug = model._meta.get_field("slug")
        objects = list(model.objects.all())
        for obj in objects:
            try:
                slug.run_validators(obj.slug)
            except ValidationError as error:
                raise InvalidAddress(f"{model._meta.verbose_name} {obj.pk} has an invalid "
                                     f"address ({obj.slug!r})") from error
            obj.prepare()
        model.objects.bulk_update(objects, fields, batch_size=BATCH)
        counts[model._meta.model_name] = len(objects)
    comments = list(Comment.objects.all())
    for comment in comments:
        comment.prepare()
    Comment.objects.bulk_update(comments, ["author_url", "body_html"], batch_size=BATCH)
    counts["comment"] = len(comments)
    search.index(Post.objects.all())
    page_cache.invalidate({page_cache.EVERYTHING})
    return counts
