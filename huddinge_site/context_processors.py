from django.conf import settings


def site(request):
    """Site name and tagline for every template, so they are configured in one place."""
    return {"SITE_NAME": settings.SITE_NAME, "SITE_TAGLINE": settings.SITE_TAGLINE}
