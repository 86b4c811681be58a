from django import template

from posts import media_library

register = template.Library()


@register.simple_tag
def library_items(records):
    """The library page's images with their thumbnails and where each is used."""
    return media_library.with_usage(records)
