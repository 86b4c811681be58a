from django import template

from core.site_url import absolute as absolute_url

register = template.Library()


@register.filter
def absolute(url):
    """``{{ post.featured_image.url|absolute }}``: the address on ``SITE_URL``."""
    return absolute_url(url)
