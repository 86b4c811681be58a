from django.conf import settings
from django.utils.functional import SimpleLazyObject, lazy

from core import identity
from fediverse import activities, publishing


def fediverse_account():
    """``@name@domain`` when the blog is on the fediverse, else empty."""
    return f"@{activities.handle()}@{activities.domain()}" if publishing.enabled() else ""


def site(request):
    """The site's identity and address for every template, so they are set in one place;
    read only by templates that show them (the admin's do not), and once per request."""
    current = SimpleLazyObject(identity.current)
    return {
        "identity": current,
        "SITE_NAME": lazy(lambda: current.site_name, str)(),
        "SITE_TAGLINE": lazy(lambda: current.tagline, str)(),
        "SITE_URL": settings.SITE_URL,
        "FEDIVERSE_ACCOUNT": lazy(fediverse_account, str)(),
    }
