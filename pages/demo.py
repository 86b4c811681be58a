"""Demo pages for a fresh site, in the politician's own voice."""

from .models import Page

PAGES = [
    ("Om mig", "om-mig", 1,
     "Jag heter Anna Andersson och är fritidspolitiker i Huddinge sedan 2014. Jag sitter i "
     "barn- och ungdomsnämnden och i kommunfullmäktige.\n\n"
     "## Det här driver jag\n\n"
     "- fler förskoleplatser i Flemingsberg och Visättra\n"
     "- säkra cykelvägar till skolorna\n"
     "- rent vatten i våra sjöar"),
    ("Kontakt", "kontakt", 2,
     "Skriv gärna till mig på [anna.andersson@example.se](mailto:anna.andersson@example.se) "
     "eller kom förbi mitt medborgarkontor i Huddinge centrum första lördagen varje månad."),
]


def load():
    """Create the demo pages; returns how many."""
    for title, slug, order, body in PAGES:
        Page.objects.create(title=title, slug=slug, menu_order=order, body=body,
                            status=Page.Status.PUBLISHED)
    return len(PAGES)
