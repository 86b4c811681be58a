from django.conf import settings


def site(request):
    """Site name, tagline and address for every template, so they are configured in one place."""
    return {"SITE_NAME": settings.SITE_NAME, "SITE_TAGLINE": settings.SITE_TAGLINE,
            "SITE_URL": settings.SITE_URL}
