from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core import inline_css, theme

register = template.Library()


@register.simple_tag(takes_context=True)
def site_stylesheet(context):
    identity = context.get("identity")
    accent = getattr(identity, "accent", "") or theme.DEFAULT_ACCENT
    return format_html("<style>{}</style>", mark_safe(inline_css.stylesheet(accent)))
