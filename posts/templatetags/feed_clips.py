"""Clips in feeds as links with their titles.

A feed reader runs no script and shows no click-to-play facade, so a player in a post
(``templates/posts/_embed.html``) would reach it as a play button that does nothing.
In a feed each becomes a plain link named by its title and provider.
"""

import re

from django import template
from django.utils.html import format_html

register = template.Library()

_FACADE = re.compile(
    r'<figure class="embed[^"]*">\s*<div class="embed-facade[^"]*" data-embed-src="[^"]*" '
    r'data-embed-title="(?P<title>[^"]*)">.*?<a class="embed-play" href="(?P<url>[^"]*)".*?'
    r'</figure>', re.DOTALL)


def _as_link(match):
    return format_html('<p><a href="{}">{}</a></p>', _unescaped(match["url"]),
                       _unescaped(match["title"]))


def _unescaped(text):
    """The facade's attributes are escaped already; ``format_html`` escapes them again."""
    return (text.replace("&quot;", '"').replace("&#x27;", "'").replace("&lt;", "<")
            .replace("&gt;", ">").replace("&amp;", "&"))


@register.filter
def clips_as_links(html):
    return _FACADE.sub(_as_link, html)
