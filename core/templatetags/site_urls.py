from django import template

from core.site_url import absolute as absolute_url
from core.site_url import absolute_links as absolute_addresses

register = template.Library()


@register.filter
def absolute(url):
    """``{{ post.featured_image.url|absolute }}``: the address on ``SITE_URL``."""
    return absolute_url(url)


@register.filter
def absolute_links(html):
    """``{{ post.body_html|absolute_links|safe }}``: site-relative addresses made absolute."""
    return absolute_addresses(html)
