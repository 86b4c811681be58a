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
them out of the comment thread and the comment counts (see ``comments``). Pages: see
``pages``.
"""

from urllib.parse import unquote, urlsplit

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from comments import counts
from core import page_cache
from core.sanitizer import strip_tags
from posts.models import Category, Post, Redirect, Tag

from . import pages, wxr
from .comments import import_comments
from .dates import parse_date
from .items import choose_slug, convert, upsert
from .media import MediaCopier, relative_upload
from .report import Report

POST_STATUSES = {"publish": "published", "future": "published", "draft": "draft",
                 "pending": "draft", "private": "draft"}
POST_FIELDS = ["title", "slug", "body", "excerpt", "status", "published_at", "comments_open",
               "sticky", "author_id", "wordpress_id"]


class ImportFailed(Exception):
    """The import stopped; nothing was written. The message says which item and why."""


class _Rollback(Exception):
    pass


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
        import_comments(post, item, self.site, self.report)

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

