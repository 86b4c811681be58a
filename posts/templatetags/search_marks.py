from django import template

from posts import search_excerpts

register = template.Library()


@register.simple_tag
def search_excerpt(post, words):
    return search_excerpts.excerpt(search_excerpts.plain_text(post.body_html), words)


@register.simple_tag
def search_title(post, words):
    return search_excerpts.title(post.title, words)
