"""WordPress's dates: GMT where it wrote one, else local time in the site's zone."""

from datetime import UTC, datetime

from django.utils import timezone


def parse_date(gmt, local):
    """The first readable of ``gmt`` and ``local``; ``None`` when WordPress left both
    empty or zero (``0000-00-00 00:00:00``, its "no date")."""
    for value, zone in ((gmt, UTC), (local, timezone.get_default_timezone())):
        value = (value or "").strip()
        if value and not value.startswith("0000"):
            try:
                parsed = datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
            except ValueError as error:
                raise ValueError(f"unreadable date {value!r}") from error
            return parsed.replace(tzinfo=zone)
    return None
