"""Forms on cached pages carry no CSRF token (a cached copy would hand every reader the
same one); the browser's own word that the form came from our pages stands in for it."""

from urllib.parse import urlsplit


def sent_from_this_site(request):
    """Whether ``Origin`` (or, failing it, ``Referer``) names this site and scheme."""
    origin = request.headers.get("Origin") or request.headers.get("Referer") or ""
    parts = urlsplit(origin)
    return bool(parts.netloc) and parts.netloc == request.get_host() and (
        parts.scheme == request.scheme
    )
