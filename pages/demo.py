"""Demo pages and site identity for a fresh site, in the politician's own voice."""

import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from core.models import SiteIdentity

from . import portrait
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
                            status=Page.Status.PUBLISHED, show_portrait=slug == "om-mig")
    return len(PAGES)


def _portrait():
    """A drawn head-and-shoulders silhouette standing in for the politician's photo."""
    image = Image.new("RGB", (400, 400), "#cfe0f1")
    draw = ImageDraw.Draw(image)
    draw.ellipse((60, 250, 340, 520), fill="#0b5394")
    draw.ellipse((130, 80, 270, 240), fill="#f1c7a5")
    draw.pieslice((120, 60, 280, 220), 180, 360, fill="#6b3e26")
    output = io.BytesIO()
    image.save(output, "JPEG", quality=85)
    return ContentFile(output.getvalue(), name="anna-andersson.jpg")


def load_identity():
    """The demo politician's identity, shown in the sidebar and footer of every page."""
    identity = SiteIdentity(
        site_name="Anna Andersson", tagline="Lokalpolitik i Huddinge",
        person_name="Anna Andersson",
        role="Ledamot i kommunfullmäktige och barn- och ungdomsnämnden, Huddinge",
        bio="Jag har bott i Flemingsberg i tjugo år och är fritidspolitiker sedan 2014. "
            "Här skriver jag om förskolor, cykelvägar och våra sjöar, och svarar på era "
            "kommentarer.",
        footer_text="Anna Andersson, Huddinge. Kontakta mig gärna via sidan Kontakt.",
        facebook="https://www.facebook.com/", instagram="https://www.instagram.com/",
        contact_email="anna.andersson@example.se",
    )
    identity.portrait.save("anna-andersson.jpg", _portrait(), save=False)
    identity.save()
    portrait.make_copies(identity)
    return identity
