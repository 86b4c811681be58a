"""Admin options every app's admin shares."""

from django.db import models

HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}
"""Addresses typed without a scheme are taken as https, as browsers do."""


def https_formfield(field, **kwargs):
    """``Meta.formfield_callback`` for model forms of their own: ``HTTPS_URLS`` applied."""
    return field.formfield(**{**HTTPS_URLS.get(type(field), {}), **kwargs})
