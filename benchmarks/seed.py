"""Build the benchmark site: many posts and comments, written in bulk."""

from datetime import timedelta

from django.utils import timezone

from comments import counts
from comments.models import Comment
from core.sanitizer import clean_comment
from posts import search
from posts.models import Category, Post

BODY = (
    "## Om Huddinge\n\nEtt stycke med **fetstil**, en [länk](https://huddinge.se) och lite "
    "text om skolor, trafik och budget.\n\n" * 6
)


def comments_for(post, count, threaded=True, start=None):
    start = start or post.published_at
    made = []
    for n in range(count):
        made.append(Comment(
            post=post, author_name=f"Läsare {n}", author_email=f"lasare{n}@example.se",
            body=f"Kommentar {n} om {post.title}.", body_html=clean_comment(f"Kommentar {n}."),
            status=Comment.Status.APPROVED, submitted_at=start + timedelta(minutes=n),
        ))
    Comment.objects.bulk_create(made, batch_size=500)
    if threaded:
        saved = list(post.comments.order_by("pk"))
        for n, comment in enumerate(saved):
            if n % 3 and n >= 3:
                comment.parent = saved[n - n % 3]
                comment.depth = 2
        Comment.objects.bulk_update(saved, ["parent", "depth"], batch_size=500)


def build(posts=1000, comments_each=20, big_thread=500):
    """Return (post with ``comments_each`` comments, post with ``big_thread`` comments)."""
    category = Category.objects.create(name="Politik")
    now = timezone.now()
    first = Post(title="Mall", body=BODY, status=Post.Status.PUBLISHED)
    first.save()
    html, summary = first.body_html, first.summary
    first.delete()
    made = [
        Post(title=f"Inlägg {n}", slug=f"inlagg-{n}", body=BODY, body_html=html, summary=summary,
             status=Post.Status.PUBLISHED, published_at=now - timedelta(hours=7 * n))
        for n in range(posts)
    ]
    Post.objects.bulk_create(made, batch_size=500)
    search.index(Post.objects.all())
    saved = list(Post.objects.order_by("pk"))
    Post.categories.through.objects.bulk_create(
        [Post.categories.through(post=post, category=category) for post in saved]
    )
    for post in saved[:-1]:
        comments_for(post, comments_each, threaded=False)
    big = saved[-1]
    comments_for(big, big_thread)
    counts.refresh([post.pk for post in saved])
    return saved[0], big
