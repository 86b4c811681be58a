"""The visitor's IP address, trusting only as many proxies as we are told sit in front."""

from django.conf import settings


def client_ip(request):
    """``REMOTE_ADDR``, or behind ``TRUSTED_PROXY_COUNT`` proxies the address they saw."""
    hops = settings.TRUSTED_PROXY_COUNT
    if hops:
        header = request.META.get("HTTP_X_FORWARDED_FOR", "")
        forwarded = [part.strip() for part in header.split(",") if part.strip()]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR") or None
