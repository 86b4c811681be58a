from django import template

from posts.models import Post

register = template.Library()


@register.simple_tag
def latest_posts(count=5):
    """The newest published posts, for pages that offer a way on (the 404 page)."""
    return list(Post.objects.published().for_listing()[:count])
