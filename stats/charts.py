"""What the dashboard and the post's form show, read from the daily counts."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone

from subscriptions.models import Subscriber

from . import titles
from .models import DailyPageCount, DailyReferrer

DAYS = 30
WIDTH, HEIGHT = 300, 60


@dataclass
class Bar:
    day: object
    views: int
    visitors: int
    x: float
    y: float
    height: float


def last_days(path="", days=DAYS):
    """One bar per day of the last ``days`` for ``path`` (``""``: the whole site), scaled to
    the chart's height."""
    today = timezone.localdate()
    start = today - timedelta(days=days - 1)
    found = {row["day"]: row for row in DailyPageCount.objects.filter(
        path=path, day__gte=start).values("day", "views", "visitors")}
    counts = [(start + timedelta(days=n), found.get(start + timedelta(days=n), {}))
              for n in range(days)]
    top = max([row.get("views", 0) for _day, row in counts] + [1])
    step = WIDTH / days
    bars = []
    for n, (day, row) in enumerate(counts):
        height = round(HEIGHT * row.get("views", 0) / top, 1)
        bars.append(Bar(day, row.get("views", 0), row.get("visitors", 0), round(n * step, 1),
                        round(HEIGHT - height, 1), height))
    return bars


def total_views(path):
    return DailyPageCount.objects.filter(path=path).aggregate(views=Sum("views"))["views"] or 0


def week_start():
    return timezone.localdate() - timedelta(days=6)


def top_pages(limit=5):
    rows = (DailyPageCount.objects.filter(day__gte=week_start()).exclude(path="")
            .values("path").annotate(views=Sum("views"), visitors=Sum("visitors"))
            .order_by("-views", "path")[:limit])
    return [{**row, "title": titles.title_of(row["path"]) or row["path"]} for row in rows]


def top_referrers(limit=5):
    return list(DailyReferrer.objects.filter(day__gte=week_start()).values("host")
                .annotate(visits=Sum("visits")).order_by("-visits", "host")[:limit])


def subscribers_by_week(weeks=8):
    """Confirmed subscribers at the end of each of the last ``weeks`` weeks."""
    confirmed = Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED)
    joined = dict(confirmed.annotate(week=TruncWeek("confirmed_at")).values("week")
                  .annotate(n=Count("pk")).values_list("week", "n"))
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    rows = []
    for n in range(weeks - 1, -1, -1):
        week = monday - timedelta(weeks=n)
        total = sum(count for start, count in joined.items()
                    if start is not None and start.date() <= week)
        rows.append({"week": week, "subscribers": total})
    return rows
