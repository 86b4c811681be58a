"""Smaller copies of the portrait in the sidebar.

The portrait is kept at up to 400 pixels for sharp screens, but it is shown 7rem
wide: a browser at ordinary resolution fetches a 128-pixel copy, a sharp screen
the 256-pixel one (``srcset``). The sizes are stored with the identity, so the
pages read them without opening the image.
"""

from dataclasses import asdict

from posts import images

WIDTHS = (128, 256)


def make_copies(identity):
    """Write the copies of ``identity``'s portrait and store their sizes (none without one)."""
    sizes = images.make_renditions(identity.portrait.name, widths=WIDTHS) \
        if identity.portrait else []
    identity.portrait_sizes = [asdict(size) for size in sizes]
    identity.save(update_fields=["portrait_sizes"])
