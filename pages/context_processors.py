from django.utils.functional import SimpleLazyObject

from core import fragments, page_cache

from .models import Page


def _menu():
    return [(page.title, page.get_absolute_url())
            for page in Page.objects.in_menu().only("title", "slug")]


def menu(request):
    """The published pages of the main menu (title, address), for every template. A
    standing page changes every page (``everything``), so the menu is read once per
    version of that tag."""
    return {"menu_pages": SimpleLazyObject(
        lambda: fragments.by_version(page_cache.EVERYTHING, "menu", _menu))}
