"""Reading numbers and text that anyone can put in an address.

``str.isdigit`` accepts "²" and "٣", which ``int`` then refuses or turns into
a number no database column holds; a NUL character is refused by PostgreSQL.
Either would be a server error on a request anybody can make.
"""

BIGINT_MAX = 2**63 - 1


def positive_int(value):
    """``value`` as an ID a database can look up, or ``None`` when it is not one."""
    value = (value or "").strip()
    if not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    return number if 0 < number <= BIGINT_MAX else None


def has_nul(request):
    """Whether the path or any query value carries a NUL character."""
    values = [request.path, *(v for vs in request.GET.lists() for v in vs[1])]
    return any("\x00" in value for value in values)
