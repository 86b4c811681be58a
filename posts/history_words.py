"""What the history says about one save of a post, in the writer's words.

Django's admin logs a save as the English names of the changed fields ("Changed
Body."), and a press of *Publicera nu* changes no field the writer touched, so it
was logged as "No fields changed.". The writer reads the history to find when a post
went out and what was rewritten, so each entry says what the button did (published,
scheduled for a time, unpublished, saved as a draft) and names the fields by their
labels in the admin's language, and the press links and clips added, changed or
removed.
"""

from django.utils import formats, timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

PUBLISHING_FIELDS = {"status", "published_at"}


def _labels(form, names):
    return [str(form.fields[name].label).lower() for name in names if name in form.fields]


def _publishing(intent, form):
    post = form.instance
    if intent in {"publish", "publish-now", "schedule"} and not post.is_scheduled:
        return _("Published.")
    if intent in {"publish", "schedule"}:
        when = formats.date_format(timezone.localtime(post.published_at), "j F Y \\k\\l. H:i")
        return _("Scheduled for %(when)s.") % {"when": when}
    if intent == "draft":
        was_public = getattr(form, "status_before", None) == "published"
        return _("Unpublished.") if was_public else _("Saved as a draft.")
    return ""


def _inline_changes(formsets):
    parts = []
    for formset in formsets:
        kind = str(formset.model._meta.verbose_name)
        parts += [_("Added %(kind)s “%(name)s”.") % {"kind": kind, "name": obj}
                  for obj in formset.new_objects]
        parts += [_("Changed %(kind)s “%(name)s”.") % {"kind": kind, "name": obj}
                  for obj, _fields in formset.changed_objects]
        parts += [_("Removed %(kind)s “%(name)s”.") % {"kind": kind, "name": obj}
                  for obj in formset.deleted_objects]
    return parts


def describe(form, formsets, add, intent):
    parts = [_("Wrote the post.")] if add else []
    action = _publishing(intent, form)
    if action:
        parts.append(action)
    changed = [name for name in form.changed_data
               if not (action and name in PUBLISHING_FIELDS)]
    labels = _labels(form, changed)
    if labels and not add:
        parts.append(_("Changed %(fields)s.") % {"fields": get_text_list(labels, _("and"))})
    parts += _inline_changes(formsets)
    return " ".join(parts) or _("Saved without changes.")
