"""The mails a subscriber gets: the confirmation, and each new post.

A post's mail is its text as on the site, in plain text and HTML, with images from this
site only and no tracking pixel or rewritten link. Mail programs show an unsubscribe
button from ``List-Unsubscribe``, which with ``List-Unsubscribe-Post`` unsubscribes in
one click without opening anything (RFC 8058); ``List-Id`` lets readers filter.
"""

import html
import re
from email.utils import make_msgid

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from core import identity
from core.site_url import absolute, absolute_links, site_host

from . import tokens


def confirmation(subscriber):
    site = identity.current().site_name
    link = absolute(reverse("subscriptions:confirm", args=[tokens.confirm_token(subscriber)]))
    body = render_to_string("subscriptions/email/confirm.txt", {
        "site_name": site, "link": link, "days": tokens.CONFIRM_DAYS})
    return EmailMultiAlternatives(_("Confirm your subscription to %(site)s") % {"site": site},
                                  body, None, [subscriber.email])


def post_mail(post, subscriber, connection=None):
    body_html = absolute_links(post.body_html)
    context = {"post": post, "body_html": body_html, "url": absolute(post.get_absolute_url()),
               "body_text": as_text(body_html)}
    return _list_mail(post.title, "post", context, subscriber, f"post-{post.pk}", connection)


def digest_mail(digest, posts, subscriber, connection=None):
    site = identity.current().site_name
    items = [{"post": post, "url": absolute(post.get_absolute_url())} for post in posts]
    return _list_mail(_("This week on %(site)s") % {"site": site}, "digest",
                      {"items": items}, subscriber, f"digest-{digest.pk}", connection)


def _list_mail(subject, template, context, subscriber, key, connection):
    """A mail to a subscriber, in plain text and HTML, with the list headers that let mail
    programs unsubscribe in one click."""
    site = identity.current().site_name
    stop = absolute(reverse("subscriptions:stop", args=[tokens.stop_token(subscriber)]))
    context = {**context, "site_name": site, "stop": stop, "subscriber": subscriber}
    message = EmailMultiAlternatives(
        subject, render_to_string(f"subscriptions/email/{template}.txt", context), None,
        [subscriber.email], connection=connection,
        headers={
            "List-Unsubscribe": f"<{stop}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"{site} <posts.{site_host()}>",
            "Message-ID": make_msgid(f"{key}.{subscriber.pk}", site_host()),
        })
    message.attach_alternative(
        render_to_string(f"subscriptions/email/{template}.html", context), "text/html")
    return message


def as_text(markup):
    """The post as readable plain text: paragraphs apart, links with their address."""
    text = re.sub(r'<a\s[^>]*href="([^"]+)"[^>]*>(.*?)</a>', r"\2 (\1)", markup, flags=re.S)
    text = re.sub(r"<br\s*/?>", "\n", text)
    text = re.sub(r"</(p|h[1-6]|li|blockquote|figure|pre)>", "\n\n", text)
    text = re.sub(r"<li[^>]*>", "- ", text)
    text = html.unescape(strip_tags(text))
    return re.sub(r"\n{3,}", "\n\n", text).strip()

