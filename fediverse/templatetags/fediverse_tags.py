"""The fediverse's part of a post's page: how often it was liked and boosted there."""

from django import template
from django.db.models import Count
from django.utils.translation import ngettext

from fediverse import publishing
from fediverse.models import Reaction

register = template.Library()


@register.inclusion_tag("fediverse/_reactions.html")
def reactions(post):
    """Counts only, never who: a like is not a comment and is not moderated, so nothing
    a remote server sent is shown but the number."""
    if not publishing.federates(post):
        return {"parts": []}
    counts = dict(Reaction.objects.filter(post=post).order_by().values_list("kind")
                  .annotate(n=Count("pk")))
    likes, boosts = counts.get(Reaction.Kind.LIKE, 0), counts.get(Reaction.Kind.ANNOUNCE, 0)
    parts = [ngettext("%(count)d like", "%(count)d likes", likes) % {"count": likes}
             if likes else "",
             ngettext("%(count)d boost", "%(count)d boosts", boosts) % {"count": boosts}
             if boosts else ""]
    return {"parts": [part for part in parts if part]}
