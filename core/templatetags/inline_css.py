from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core import inline_css

register = template.Library()


@register.simple_tag
def site_stylesheet():
    return format_html("<style>{}</style>", mark_safe(inline_css.stylesheet()))
