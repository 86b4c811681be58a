"""The site identity every page shows, read from the cache rather than the database.

Header, sidebar and footer of every page show it, so it is kept in the cache as a
plain value and read with one cache hit; saving it (``huddinge_site.invalidation``)
forgets that copy and invalidates every cached page. Should forgetting fail (the
cache down at that moment), the copy expires after ``SECONDS`` anyway. Without a
saved identity, the site's name and tagline come from ``SITE_NAME`` and
``SITE_TAGLINE``.
"""

import contextlib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import default_storage

from .models import SiteIdentity
from .theme import DEFAULT_ACCENT

KEY = "site-identity"
SECONDS = 300


@dataclass(frozen=True)
class Identity:
    site_name: str
    tagline: str = ""
    person_name: str = ""
    role: str = ""
    bio: str = ""
    portrait_url: str = ""
    portrait_size: tuple = (0, 0)
    portrait_srcset: str = ""
    icon_url: str = ""
    footer_text: str = ""
    contact_email: str = ""
    accent: str = DEFAULT_ACCENT
    fediverse_handle: str = ""
    links: list = field(default_factory=list)


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _load():
    row = SiteIdentity.objects.first()
    if row is None:
        return Identity(site_name=settings.SITE_NAME, tagline=settings.SITE_TAGLINE)
    links = [(SiteIdentity._meta.get_field(name).verbose_name, getattr(row, name))
             for name in SiteIdentity.SOCIAL_FIELDS if getattr(row, name)]
    return Identity(
        site_name=_line(row.site_name), tagline=_line(row.tagline),
        person_name=_line(row.person_name), role=_line(row.role), bio=row.bio,
        portrait_url=row.portrait.url if row.portrait else "",
        portrait_size=(row.portrait_width, row.portrait_height),
        portrait_srcset=", ".join(f"{default_storage.url(size['name'])} {size['width']}w"
                                  for size in row.portrait_sizes if row.portrait),
        icon_url=row.site_icon.url if row.site_icon else "",
        footer_text=_line(row.footer_text), contact_email=row.contact_email,
        accent=row.accent or DEFAULT_ACCENT, fediverse_handle=row.fediverse_handle,
        links=[(str(label), url) for label, url in links],
    )


def _line(text):
    """One line, whatever a row saved before the fields were checked holds."""
    return " ".join(text.split())


def current():
    found = None
    with contextlib.suppress(Exception):
        found = _cache().get(KEY)
    if found is None:
        found = _load()
        with contextlib.suppress(Exception):
            _cache().set(KEY, found, SECONDS)
    return found


def forget():
    with contextlib.suppress(Exception):
        _cache().delete(KEY)
