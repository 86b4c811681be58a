"""What importing a post and importing a page share: converting the item's content,
finding the row it became last time, choosing its address, and saving it once, only
when something changed."""

from urllib.parse import unquote

from django.utils.text import slugify

from posts.models import unique_slug

from . import content, galleries
from .export import SOURCE_META


def convert(item, attachments, media, report):
    """The item's WordPress ID, its content converted (``content.Converted``, for the
    audio and video it names) and the body to store, galleries filled; what was
    converted or left behind goes into the report under the item. An item this site
    exported carries its own text (``export.SOURCE_META``), taken as it is."""
    wp_id = item.get("wp:post_id")
    if not wp_id.isdigit():
        raise ValueError("it has no numeric wp:post_id")
    if SOURCE_META in item.meta:
        return wp_id, content.Converted(body=item.meta[SOURCE_META]), item.meta[SOURCE_META]
    converted = content.convert(item.fields.get("content:encoded", ""))
    body, gallery_notes, filled = galleries.fill(converted.body, wp_id, attachments, media)
    for note in [*converted.notes, *gallery_notes]:
        report.about(item.label, note)
    for change in converted.changes:
        report.converted(item.label, change)
    if filled:
        report.converted(item.label, f"{filled} gallery/galleries became images")
    return wp_id, converted, body


def upsert(model, ref, fields, fill, report, noun, exclude=()):
    """The row imported from ``ref``, made or updated by ``fill(row)`` and saved once.

    ``fields`` are compared before and after ``fill`` so that importing the same
    export again saves nothing and reports the item unchanged.
    """
    row = model.objects.filter(import_ref=ref).first()
    created = row is None
    row = row or model(import_ref=ref)
    before = [getattr(row, name) for name in fields]
    fill(row)
    if created or before != [getattr(row, name) for name in fields]:
        row.full_clean(exclude=["body", "slug", *exclude])
        row.save()
        report.count(noun, "created" if created else "updated")
    else:
        report.count(noun, "unchanged")
    return row


def choose_slug(row, item, report, fallback, free=lambda slug: True, suffix="", public=False):
    """The item's WordPress slug, kept when no other row has it and ``free`` accepts it;
    otherwise it is made unique with ``suffix`` (and a number when needed).

    An item without one (drafts often have none) gets one from its title, or
    ``fallback`` when it has no title either. Such a draft may come before the
    published post whose address it took; a ``public`` item then takes its
    address back and the draft, which has no public address, moves aside.
    """
    wanted = slugify(unquote(item.get("wp:post_name")))[:200] or row.slug
    if not wanted:
        return unique_slug(row, item.title or fallback, free=free)
    holder = type(row).objects.filter(slug=wanted).exclude(pk=row.pk).first()
    if public and holder is not None and holder.import_ref and holder.status == "draft":
        holder.slug = unique_slug(holder, f"{wanted}-utkast", free=free)
        holder.save(update_fields=["slug"])
        report.warn(f"draft “{holder.title}” moved to /{holder.slug}/ so that a published "
                    f"item keeps its address /{wanted}/")
        holder = None
    taken = holder is not None
    if taken or not free(wanted):
        fresh = unique_slug(row, wanted + suffix, free=free)
        report.about(item.label, f"address /{wanted}/ is taken; using /{fresh}/")
        return fresh
    return wanted
