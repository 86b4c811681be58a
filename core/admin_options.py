"""Admin options every app's admin shares."""

from django.db import models

HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}
"""Addresses typed without a scheme are taken as https, as browsers do."""
