"""Security headers Django does not set by itself.

The Content Security Policy allows scripts, styles, images and media from this
site only (no inline script, no style attribute or element: an injected ``style``
can hide or fake parts of a page even where scripts are stopped; the one inline
stylesheet allowed is the site's own, by its hash, ``core.inline_css``, which
changes with the owner's accent colour), frames only
from the allowlisted embed providers, and no one may frame us. Uploaded media get
their own, stricter policy from ``posts.media_views``.
"""

from functools import lru_cache

from django.conf import settings
from django.http import HttpResponseBadRequest

from core import identity, inline_css, theme
from core.request_values import has_nul
from posts.embeds import frame_origins

PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)


@lru_cache(maxsize=8)
def content_security_policy(accent=theme.DEFAULT_ACCENT):
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", inline_css.source(accent)],
        "img-src": ["'self'", "data:"],
        "media-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": frame_origins(),
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
    if settings.SECURE_SSL_REDIRECT:
        directives["upgrade-insecure-requests"] = []
    return "; ".join(" ".join([name, *values]) for name, values in directives.items())


class SecurityHeadersMiddleware:
    """Adds the headers above; refuses an address with a NUL character (400), which
    no page of ours has and PostgreSQL cannot look up."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = content_security_policy()

    def __call__(self, request):
        response = HttpResponseBadRequest() if has_nul(request) else self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response



def _accent():
    """The identity's accent; the default one when the identity cannot be read (the
    database down), so an error page still gets its stylesheet."""
    try:
        return identity.current().accent
    except Exception:
        return theme.DEFAULT_ACCENT


class ThemePolicyMiddleware:
    """Names the stylesheet of the current accent in a page's policy as it is made.

    It sits inside the page cache, so a stored page keeps the policy that matches its
    own stylesheet; responses with a policy of their own (uploaded media) keep it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if ("Content-Security-Policy" not in response
                and response.get("Content-Type", "").startswith("text/html")):
            response["Content-Security-Policy"] = content_security_policy(_accent())
        return response
