"""Counts of readers, kept without cookies and without anything that identifies a person.

What is kept for good is daily totals: views and visitors per page, visits per referring
site. Telling two visitors apart for one day needs a digest of their IP address and
browser with a salt that is made for that day alone (``DailySalt``); the salt and the
digests (``DailyVisitor``) are deleted once the day is over, so no visitor can be
recognised across days, or at all once the day has passed. This is Plausible's design.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DailyPageCount(models.Model):
    """One page's views and visitors on one day; the path ``""`` is the whole site."""

    day = models.DateField(_("day"))
    path = models.CharField(_("page"), max_length=300)
    views = models.PositiveIntegerField(_("views"), default=0)
    visitors = models.PositiveIntegerField(_("visitors"), default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "path"], name="one_count_a_day")]
        verbose_name = _("daily count")
        verbose_name_plural = _("daily counts")

    def __str__(self):
        return f"{self.day} {self.path or '/'}: {self.views}"


class DailyReferrer(models.Model):
    day = models.DateField(_("day"))
    host = models.CharField(_("referring site"), max_length=200)
    visits = models.PositiveIntegerField(_("visits"), default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "host"],
                                               name="one_referrer_count_a_day")]

    def __str__(self):
        return f"{self.day} {self.host}: {self.visits}"


class DailySalt(models.Model):
    day = models.DateField(unique=True)
    salt = models.CharField(max_length=64)

    def __str__(self):
        return str(self.day)


class DailyVisitor(models.Model):
    """A visitor already counted today on a page: a salted digest, gone with the day."""

    day = models.DateField()
    path = models.CharField(max_length=300)
    digest = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "path", "digest"],
                                               name="one_visitor_a_day")]

    def __str__(self):
        return f"{self.day} {self.path}"
