"""What a commenter may call themselves.

A name is what readers trust most in a thread, so two things are kept out of it.
Invisible and direction-changing characters (zero-width spaces and joiners, the
bidirectional controls that make ``\u202emodnA annA`` read as a real name, soft
hyphens): they are dropped, as no reader can see what they do. And the names of
the site's owner and staff: a visitor writing as "Anna Andersson" on Anna
Andersson's blog would speak for her, so those names are for signed-in staff, who
comment as their accounts anyway. Names are compared folded (compatibility forms,
case, spaces and punctuation ignored), so ``ANNA  ANDERSSON`` and ``Anna-Andersson``
are the same name.
"""

import unicodedata

from django.contrib.auth import get_user_model

from core import identity

_INVISIBLE = {"Cc", "Cf", "Co", "Cs", "Zl", "Zp"}


def visible(name):
    """``name`` without invisible or direction-changing characters, on one line."""
    kept = "".join(char for char in name if unicodedata.category(char) not in _INVISIBLE)
    return " ".join(kept.split())


def _folded(name):
    return "".join(char for char in unicodedata.normalize("NFKC", name).casefold()
                   if char.isalnum())


def reserved_names():
    """The folded names only signed-in staff may comment under."""
    names = {identity.current().person_name}
    for first, last, username in get_user_model().objects.filter(
            is_staff=True, is_active=True).values_list("first_name", "last_name", "username"):
        names.update({f"{first} {last}", username})
    return {folded for folded in map(_folded, names) if folded}


def is_reserved(name):
    return _folded(name) in reserved_names()
