"""A few demo comments, threaded, with one awaiting moderation."""

from datetime import timedelta

from django.utils import timezone

from .models import Comment

COMMENTS = [
    ("Karin", "karin@example.se", "", "Äntligen! Vi har väntat länge.", None, "approved"),
    ("Anna Andersson", "admin@example.se", "", "Tack Karin, det tycker jag också.", 0, "approved"),
    ("Olle", "olle@example.se", "https://example.org",
     "Hur blir det med parkeringen vid Sjödalen?", None, "approved"),
    ("Besökare", "besok@example.se", "", "Den här väntar på granskning.", None, "pending"),
]


def load(post):
    now = timezone.now()
    created = []
    for n, (name, email, url, body, parent, status) in enumerate(COMMENTS):
        created.append(Comment.objects.create(
            post=post, author_name=name, author_email=email, author_url=url, body=body,
            parent=created[parent] if parent is not None else None, status=status,
            submitted_at=now - timedelta(hours=10 - n), reason="Demo",
        ))
    return created
