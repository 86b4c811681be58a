"""Absolute addresses come from ``SITE_URL``, never from the request.

A request's ``Host`` header (and the scheme a proxy claims) is the client's to choose, and
Django checks only the host name against ``ALLOWED_HOSTS``, not the port. A page, feed or
sitemap that built its links from the request and was then cached would hand the
attacker's host to every later reader. Canonical links, Open Graph tags, feed links and
GUIDs, sitemap locations and robots.txt are therefore built here, and the page cache
stores only pages requested under the site's own host.
"""

import re
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap


def absolute(url):
    """``url`` (a path, or already absolute) as an address on the site."""
    return urljoin(settings.SITE_URL + "/", str(url))


_PATH_ATTRIBUTE = re.compile(r'(\s(?:href|src|poster)=")(/(?!/)[^"]*)"')
_SRCSET = re.compile(r'(\ssrcset=")([^"]*)"')


def absolute_links(html):
    """``html`` with its site-relative addresses made absolute, for feeds: a feed
    reader shows an item away from the site, where ``/media/…`` leads nowhere."""
    html = _PATH_ATTRIBUTE.sub(lambda m: f'{m[1]}{absolute(m[2])}"', html)
    return _SRCSET.sub(lambda m: m[1] + ", ".join(
        " ".join([absolute(part.split()[0]), *part.split()[1:]]) if part.strip() else part
        for part in m[2].split(",")) + '"', html)


def site_host():
    return urlsplit(settings.SITE_URL).netloc.lower()


def site_scheme():
    return urlsplit(settings.SITE_URL).scheme


def is_site_host(request):
    return request.get_host().lower() == site_host()


class AtSiteUrl:
    """A request that answers host and scheme questions with the site's own address,
    for code (Django's feeds) that builds links from the request it is given."""

    def __init__(self, request):
        self._request = request

    def __getattr__(self, name):
        return getattr(self._request, name)

    def get_host(self):
        return site_host()

    def is_secure(self):
        return site_scheme() == "https"

    @property
    def scheme(self):
        return site_scheme()


class SiteSitemap(Sitemap):
    """The base of the site's sitemaps: locations on ``SITE_URL``, whatever host the
    request named."""

    def get_protocol(self, protocol=None):
        return site_scheme()

    def get_domain(self, site=None):
        return site_host()
