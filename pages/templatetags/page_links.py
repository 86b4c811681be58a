import re

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def link_pages(text, pages):
    """``text`` escaped, with the first mention of each page's title (``pages``: pairs
    of title and address, the menu's) made a link to it: a footer's "sidan Kontakt"
    takes the reader there."""
    escaped = str(escape(text))
    titles = {str(escape(title)): url for title, url in pages if title}
    if not titles:
        return mark_safe(escaped)
    pattern = re.compile(r"(?<!\w)(" + "|".join(
        map(re.escape, sorted(titles, key=len, reverse=True))) + r")(?!\w)")
    linked = set()

    def link(match):
        title = match.group(1)
        if title in linked:
            return title
        linked.add(title)
        return format_html('<a href="{}">{}</a>', titles[title], mark_safe(title))

    return mark_safe(pattern.sub(link, escaped))
