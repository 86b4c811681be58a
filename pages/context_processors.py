from .models import Page


def menu(request):
    """The published pages of the main menu, for every template."""
    return {"menu_pages": Page.objects.in_menu().only("title", "slug")}
