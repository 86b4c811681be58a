from django import template

from posts import cards

register = template.Library()


@register.simple_tag
def post_cards(posts):
    return cards.render(posts)
