"""Import a WordPress export into posts, pages, comments, categories, tags and redirects.

Every object keeps an import reference built from the old site's address and
its WordPress ID, so running the same export again updates what changed and
creates nothing twice. A run is one transaction: the first item that cannot
be imported stops it with a message naming the item and the reason, the
database is left as it was and any files copied are removed. ``dry_run`` does
all the same work and then rolls it back, so its report is the real one.

Statuses: publish and future become published (a future one is scheduled by
its date); draft, pending and private become drafts; trash and auto-drafts are
skipped. Pingbacks and trackbacks are imported with their kind, which keeps
them out of the comment thread and the comment counts. Pages: see ``pages``.
"""

import html
import ipaddress
from datetime import UTC, datetime
from urllib.parse import unquote, urlsplit

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from comments import counts
from comments.models import Comment
from core import page_cache
from core.sanitizer import comment_text, plain_line, safe_url, strip_tags
from posts.models import Category, Post, Redirect, Tag

from . import pages, wxr
from .items import choose_slug, convert, upsert
from .media import MediaCopier, relative_upload
from .report import Report

POST_STATUSES = {"publish": "published", "future": "published", "draft": "draft",
                 "pending": "draft", "private": "draft"}
COMMENT_STATUSES = {"1": "approved", "0": "pending", "spam": "spam", "trash": "trash",
                    "post-trashed": "trash"}
POST_FIELDS = ["title", "slug", "body", "excerpt", "status", "published_at", "comments_open",
               "sticky", "author_id", "wordpress_id"]
COMMENT_FIELDS = ["parent_id", "kind", "author_name", "author_email", "author_url", "body",
                  "status", "submitted_at", "ip_address"]


class ImportFailed(Exception):
    """The import stopped; nothing was written. The message says which item and why."""


class _Rollback(Exception):
    pass


def parse_date(gmt, local):
    for value, zone in ((gmt, UTC), (local, timezone.get_default_timezone())):
        value = (value or "").strip()
        if value and not value.startswith("0000"):
            try:
                parsed = datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
            except ValueError as error:
                raise ValueError(f"unreadable date {value!r}") from error
            return parsed.replace(tzinfo=zone)
    return None


class Importer:
    def __init__(self, media_dir=None, author=None, dry_run=False, progress=None, fetcher=None):
        self.report = Report()
        self.media = MediaCopier(media_dir, self.report, fetcher)
        self.author = author
        self.dry_run = dry_run
        self.progress = progress or (lambda count: None)
        self.site = ""
        self.authors = {}
        self.attachments = {}
        self.featured = []
        self.items = 0

    def run(self, path):
        try:
            with transaction.atomic(), page_cache.batched(), counts.batched():
                self._read_attachments(path)
                for kind, data in wxr.read(path):
                    if kind == "channel":
                        self._channel(data)
                    else:
                        self._item(data)
                self._featured_images()
                if self.dry_run:
                    raise _Rollback
        except _Rollback:
            self.media.discard()
        except wxr.WXRError as error:
            self.media.discard()
            raise ImportFailed(f"{path}: {error}") from error
        except Exception:
            self.media.discard()
            raise
        return self.report

    def _read_attachments(self, path):
        """A first pass for the attachments, which galleries and featured images name and
        which may come after the posts that use them."""
        for kind, data in wxr.read(path):
            if kind == "item" and data.get("wp:post_type") == "attachment":
                self.attachments[data.get("wp:post_id")] = data

    def _channel(self, channel):
        fields = channel["fields"]
        if not fields.get("wp:wxr_version"):
            raise wxr.WXRError("the file is not a WordPress export (no wp:wxr_version)")
        for note in channel.get("notes", []):
            self.report.warn(note)
        site = fields.get("wp:base_site_url") or fields.get("link") or "wordpress"
        self.site = self.media.site = site.rstrip("/")
        for author in channel["authors"]:
            self.authors[author.get("wp:author_login", "")] = author
        parents = {}
        for term in channel["categories"]:
            slug = slugify(unquote(term.get("wp:category_nicename", ""))) or None
            category = self._term(Category, slug, term.get("wp:cat_name", ""), "categories")
            parents[category] = term.get("wp:category_parent", "")
        for category, parent_slug in parents.items():
            parent = Category.objects.filter(slug=slugify(unquote(parent_slug))).first()
            if parent_slug and parent and category.parent_id != parent.pk:
                category.parent = parent
                category.save(update_fields=["parent"])
        for term in channel["tags"]:
            self._term(Tag, slugify(unquote(term.get("wp:tag_slug", ""))) or None,
                       term.get("wp:tag_name", ""), "tags")

    def _term(self, model, slug, name, kind):
        name = (name or slug or "").strip()[:100]
        slug = (slug or slugify(name) or "term")[:100]
        term, created = model.objects.get_or_create(slug=slug, defaults={"name": name})
        if created:
            self.report.count(kind, "created")
        return term

    def _item(self, item):
        self.items += 1
        if self.items % 50 == 0:
            self.progress(self.items)
        for message in item.mended:
            self.report.about(item.label, "the export was broken here and was read as "
                              f"WordPress reads it; check the text ({message})")
        post_type = item.get("wp:post_type") or "post"
        if post_type == "attachment":
            return
        if post_type not in {"post", "page"}:
            self.report.count("skipped items", post_type)
            return
        status = POST_STATUSES.get(item.get("wp:status") or "publish")
        if status is None:
            self.report.count("skipped items", item.get("wp:status"))
            return
        if item.get("wp:post_password") and status == "published":
            status = "draft"
            self.report.about(item.label, "protected by a password on WordPress; "
                              "imported as a draft so that it is not made public")
        try:
            if post_type == "page":
                pages.import_page(item, status, self.site, self.media, self.report,
                                  self.attachments)
            else:
                self._post(item, status)
        except ImportFailed:
            raise
        except Exception as error:
            raise ImportFailed(f"item {item.label}: {error}") from error

    def _user(self, login):
        if self.author:
            return self.author
        login = (login or "").strip()[:150] or "wordpress"
        User = get_user_model()
        user = User.objects.filter(username=login).first()
        if user is None:
            info = self.authors.get(login, {})
            user = User(username=login, first_name=info.get("wp:author_first_name", "")[:150],
                        last_name=info.get("wp:author_last_name", "")[:150])
            user.set_unusable_password()
            user.save()
            self.report.count("authors", "created")
        return user

    def _post(self, item, status):
        wp_id, converted, body = convert(item, self.attachments, self.media, self.report)
        title = item.title
        if len(title) > 200:
            self.report.about(item.label, "title shortened to 200 characters")

        def fill(post):
            post.title = title[:200] or _("(untitled)")
            post.slug = choose_slug(post, item, self.report, f"inlagg-{wp_id}",
                                    public=status == "published")
            post.body = self.media.rewrite(body)
            post.excerpt = strip_tags(item.fields.get("excerpt:encoded", ""))
            post.status = status
            post.published_at = parse_date(item.get("wp:post_date_gmt"), item.get("wp:post_date"))
            if post.published_at is None:
                post.published_at = timezone.now()
                self.report.about(item.label, "no date; set to the time of import")
            post.comments_open = item.get("wp:comment_status", "open") == "open"
            post.sticky = item.get("wp:is_sticky") == "1"
            post.author = self._user(item.get("dc:creator"))
            post.wordpress_id = int(wp_id)

        post = upsert(Post, f"{self.site}?p={wp_id}", POST_FIELDS, fill, self.report, "posts",
                      exclude=["featured_image", "author"])
        self._terms(post, item)
        for _kind, source in converted.media:
            self.media.embed(post, source)
        if item.meta.get("_thumbnail_id"):
            self.featured.append((post, item.meta["_thumbnail_id"].strip(), item.label))
        self._redirect(post, item.get("link"))
        self._comments(post, item)

    def _terms(self, post, item):
        categories, tags = [], []
        for domain, nicename, name in item.terms:
            slug = slugify(unquote(nicename)) or slugify(name)
            if domain == "category":
                categories.append(self._term(Category, slug, name, "categories"))
            elif domain == "post_tag":
                tags.append(self._term(Tag, slug, name, "tags"))
        post.categories.set(categories)
        post.tags.set(tags)

    def _redirect(self, post, link):
        parts = urlsplit(link or "")
        old = unquote(parts.path) + (f"?{parts.query}" if parts.query else "")
        if not old or old == post.get_absolute_url() or old == "/":
            return
        _redirect, created = Redirect.objects.update_or_create(
            old_path=old[:500], defaults={"post": post}
        )
        self.report.count("redirects", "created" if created else "unchanged")

    def _comments(self, post, item):
        likes = [c for c in item.comments if c.get("wp:comment_type", "").strip() == "like"]
        if likes:
            self.report.count("skipped items", "Jetpack likes", len(likes))
        pending = {c.get("wp:comment_id", "").strip(): c for c in item.comments
                   if c not in likes}
        if not pending:
            return
        existing = {c.import_ref: c for c in Comment.objects.filter(post=post)}
        done = {}
        while pending:
            ready = [cid for cid, c in pending.items()
                     if c.get("wp:comment_parent", "0").strip() in {"", "0", *done}
                     or c.get("wp:comment_parent", "").strip() not in pending]
            if not ready:
                ready = [min(pending, key=lambda value: int(value) if value.isdigit() else 0)]
                pending[ready[0]] = {**pending[ready[0]], "wp:comment_parent": "0"}
                self.report.about(item.label, f"comment {ready[0]} is its own ancestor; "
                                 "imported as a comment on the post")
            for cid in sorted(ready, key=lambda value: int(value) if value.isdigit() else 0):
                done[cid] = self._comment(post, pending.pop(cid), done, existing)

    def _comment(self, post, data, done, existing):
        cid = data.get("wp:comment_id", "").strip()
        if not cid.isdigit():
            raise ValueError("a comment has no numeric wp:comment_id")
        ref = f"{self.site}#comment-{cid}"
        comment = existing.get(ref) or Comment.objects.filter(import_ref=ref).first()
        created = comment is None
        comment = comment or Comment(import_ref=ref, post=post)
        before = [getattr(comment, name) for name in COMMENT_FIELDS]
        comment.parent = done.get(data.get("wp:comment_parent", "").strip())
        kind = data.get("wp:comment_type", "").strip() or "comment"
        comment.kind = kind if kind in Comment.Kind.values else Comment.Kind.COMMENT
        comment.author_name = (plain_line(html.unescape(data.get("wp:comment_author", "")))[:100]
                               or _("Anonymous"))
        comment.author_email = data.get("wp:comment_author_email", "").strip()[:254]
        comment.author_url = safe_url(data.get("wp:comment_author_url", ""))[:300]
        comment.body = comment_text(data.get("wp:comment_content", ""))[:5000]
        comment.status = COMMENT_STATUSES.get(data.get("wp:comment_approved", "0").strip(),
                                              Comment.Status.PENDING)
        comment.submitted_at = parse_date(data.get("wp:comment_date_gmt"),
                                          data.get("wp:comment_date")) or post.published_at
        comment.ip_address = _ip(data.get("wp:comment_author_IP", ""))
        if created or before != [getattr(comment, name) for name in COMMENT_FIELDS]:
            comment.reason = _("Imported from WordPress.")
            comment.save()
            self.report.count("comments", "created" if created else "updated")
        else:
            self.report.count("comments", "unchanged")
        return comment

    def _featured_images(self):
        for post, attachment_id, label in self.featured:
            attachment = self.attachments.get(attachment_id)
            url = attachment.get("wp:attachment_url") if attachment else None
            relative = relative_upload(url)
            name = self.media.image_name(relative, url) if relative else None
            if not name:
                self.report.about(label, f"featured image {attachment_id} not available")
                continue
            if post.featured_image.name != name:
                post.featured_image = name
                post.featured_image_alt = (
                    attachment.meta.get("_wp_attachment_image_alt", "").strip()
                    or attachment.get("title") or post.title
                )[:250]
                post.save(update_fields=["featured_image", "featured_image_alt"])


def _ip(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None
