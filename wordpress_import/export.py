"""Writing the site as a WordPress export (WXR 1.2), so that nobody is locked in.

WordPress's own importer reads the file: posts and pages with their text as HTML
(what readers see; their own text rides along as ``SOURCE_META`` for this site's
importer), dates, statuses, slugs, authors, categories with their
parents, tags, featured images as attachments, and comments with their threads,
statuses and kinds. WordPress numbers posts, pages and attachments in one
series, so posts keep their numbers, pages follow the highest post number, and
attachments follow the pages. The file is written as it is read, one item at a
time, so memory stays flat however large the site.
"""

from datetime import UTC
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Max, Prefetch
from django.utils import timezone

from comments.models import Comment
from core.site_url import absolute
from pages.models import Page
from posts.models import Category, Post, Tag

STATUSES = {"approved": "1", "pending": "0", "spam": "spam", "trash": "trash"}
SOURCE_META = "_huddinge_source"
"""The post's or page's own text (Markdown, clips as their addresses), beside the HTML
WordPress shows: importing our own export takes it as it was, so every body renders
the same after the round trip (``items.convert``)."""


def _source(text):
    return (f"<wp:postmeta><wp:meta_key>{SOURCE_META}</wp:meta_key>"
            f"<wp:meta_value>{_cdata(text)}</wp:meta_value></wp:postmeta>\n")


def _cdata(text):
    return "<![CDATA[" + (text or "").replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _dates(moment):
    local, gmt = timezone.localtime(moment), moment.astimezone(UTC)
    return f"{local:%Y-%m-%d %H:%M:%S}", f"{gmt:%Y-%m-%d %H:%M:%S}"


def _tag(name, value):
    return f"<{name}>{escape(str(value))}</{name}>"


def _post_status(post):
    if post.status != Post.Status.PUBLISHED:
        return "draft"
    return "future" if post.is_scheduled else "publish"


class Writer:
    def __init__(self, out):
        self.out = out
        self.page_offset = (Post.objects.aggregate(top=Max("pk"))["top"] or 0)
        self.attachment_offset = self.page_offset + (Page.objects.aggregate(top=Max("pk"))["top"]
                                                     or 0)

    def write(self):
        w = self.out.write
        w('<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0"'
          ' xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"'
          ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'
          ' xmlns:wfw="http://wellformedweb.org/CommentAPI/"'
          ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
          ' xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n')
        w(_tag("title", settings.SITE_NAME) + _tag("link", settings.SITE_URL)
          + _tag("description", settings.SITE_TAGLINE) + _tag("language", "sv-SE")
          + _tag("wp:wxr_version", "1.2") + _tag("wp:base_site_url", settings.SITE_URL)
          + _tag("wp:base_blog_url", settings.SITE_URL) + "\n")
        self._authors()
        self._terms()
        comments = Prefetch("comments", queryset=Comment.objects.order_by("pk"))
        for post in Post.objects.select_related("author").prefetch_related(
                "categories", "tags", comments).order_by("pk").iterator(chunk_size=200):
            self._post(post)
        for page in Page.objects.prefetch_related(comments).order_by("pk"):
            self._page(page)
        w("</channel>\n</rss>\n")

    def _authors(self):
        authors = get_user_model().objects.filter(posts__isnull=False).distinct().order_by("pk")
        for user in authors:
            self.out.write(
                "<wp:author>" + _tag("wp:author_id", user.pk)
                + "<wp:author_login>" + _cdata(user.get_username()) + "</wp:author_login>"
                + "<wp:author_email>" + _cdata(user.email) + "</wp:author_email>"
                + "<wp:author_display_name>" + _cdata(user.get_full_name()
                                                      or user.get_username())
                + "</wp:author_display_name>"
                + "<wp:author_first_name>" + _cdata(user.first_name) + "</wp:author_first_name>"
                + "<wp:author_last_name>" + _cdata(user.last_name) + "</wp:author_last_name>"
                + "</wp:author>\n")

    def _terms(self):
        for category in Category.objects.select_related("parent").order_by("pk"):
            self.out.write(
                "<wp:category>" + _tag("wp:term_id", category.pk)
                + "<wp:category_nicename>" + _cdata(category.slug) + "</wp:category_nicename>"
                + "<wp:category_parent>" + _cdata(category.parent.slug if category.parent else "")
                + "</wp:category_parent>"
                + "<wp:cat_name>" + _cdata(category.name) + "</wp:cat_name>"
                + "<wp:category_description>" + _cdata(category.description)
                + "</wp:category_description></wp:category>\n")
        for tag in Tag.objects.order_by("pk"):
            self.out.write(
                "<wp:tag>" + _tag("wp:term_id", tag.pk)
                + "<wp:tag_slug>" + _cdata(tag.slug) + "</wp:tag_slug>"
                + "<wp:tag_name>" + _cdata(tag.name) + "</wp:tag_name></wp:tag>\n")

    def _item(self, *, wp_id, title, link, moment, creator, body, excerpt, status, slug,
              post_type, extra=""):
        local, gmt = _dates(moment)
        self.out.write(
            "<item>\n" + "<title>" + _cdata(title) + "</title>\n" + _tag("link", link)
            + _tag("pubDate", moment.astimezone(UTC).strftime("%a, %d %b %Y %H:%M:%S +0000"))
            + "<dc:creator>" + _cdata(creator) + "</dc:creator>"
            + f'<guid isPermaLink="false">{escape(settings.SITE_URL)}/?p={wp_id}</guid>'
            + "<description></description>"
            + "<content:encoded>" + _cdata(body) + "</content:encoded>"
            + "<excerpt:encoded>" + _cdata(excerpt) + "</excerpt:encoded>\n"
            + _tag("wp:post_id", wp_id) + _tag("wp:post_date", local)
            + _tag("wp:post_date_gmt", gmt) + _tag("wp:ping_status", "closed")
            + "<wp:post_name>" + _cdata(slug) + "</wp:post_name>"
            + _tag("wp:status", status) + _tag("wp:post_type", post_type)
            + "<wp:post_password></wp:post_password>\n" + extra + "</item>\n")

    def _post(self, post):
        terms = "".join(
            f'<category domain="{domain}" nicename={quoteattr(term.slug)}>{_cdata(term.name)}'
            "</category>"
            for domain, terms in (("category", post.categories.all()),
                                  ("post_tag", post.tags.all()))
            for term in terms)
        featured = ""
        if post.featured_image:
            attachment_id = self.attachment_offset + post.pk
            featured = ("<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>"
                        f"{attachment_id}</wp:meta_value></wp:postmeta>\n")
        extra = (_tag("wp:comment_status", "open" if post.comments_open else "closed")
                 + _tag("wp:post_parent", 0) + _tag("wp:menu_order", 0)
                 + _tag("wp:is_sticky", int(post.sticky)) + terms + featured
                 + _source(post.body) + self._comments(post))
        self._item(wp_id=post.pk, title=post.title, link=absolute(post.get_absolute_url()),
                   moment=post.published_at, creator=post.author.get_username()
                   if post.author else "", body=post.body_html, excerpt=post.excerpt,
                   status=_post_status(post), slug=post.slug, post_type="post", extra=extra)
        if post.featured_image:
            self._attachment(post)

    def _attachment(self, post):
        url = absolute(post.featured_image.url)
        extra = (_tag("wp:post_parent", post.pk)
                 + "<wp:attachment_url>" + _cdata(url) + "</wp:attachment_url>"
                 + "<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key>"
                 + "<wp:meta_value>" + _cdata(post.featured_image_alt) + "</wp:meta_value>"
                 + "</wp:postmeta>\n")
        self._item(wp_id=self.attachment_offset + post.pk, title=post.featured_image_alt,
                   link=url, moment=post.published_at, creator="", body="", excerpt="",
                   status="inherit", slug=f"bild-{post.pk}", post_type="attachment",
                   extra=extra)

    def _page(self, page):
        extra = (_tag("wp:comment_status", "open" if page.comments_open else "closed")
                 + _tag("wp:post_parent", 0) + _tag("wp:menu_order", page.menu_order)
                 + _source(page.body) + self._comments(page))
        self._item(wp_id=self.page_offset + page.pk, title=page.title,
                   link=absolute(page.get_absolute_url()), moment=page.created_at,
                   creator="", body=page.body_html, excerpt="",
                   status="publish" if page.status == Page.Status.PUBLISHED else "draft",
                   slug=page.slug, post_type="page", extra=extra)

    def _comments(self, target):
        parts = []
        for comment in target.comments.all():
            local, gmt = _dates(comment.submitted_at)
            parts.append(
                "<wp:comment>" + _tag("wp:comment_id", comment.pk)
                + "<wp:comment_author>" + _cdata(comment.author_name) + "</wp:comment_author>"
                + "<wp:comment_author_email>" + _cdata(comment.author_email)
                + "</wp:comment_author_email>"
                + _tag("wp:comment_author_url", comment.author_url)
                + _tag("wp:comment_author_IP", comment.ip_address or "")
                + _tag("wp:comment_date", local) + _tag("wp:comment_date_gmt", gmt)
                + "<wp:comment_content>" + _cdata(comment.body) + "</wp:comment_content>"
                + _tag("wp:comment_approved", STATUSES[comment.status])
                + _tag("wp:comment_type", "" if comment.kind == "comment" else comment.kind)
                + _tag("wp:comment_parent", comment.parent_id or 0)
                + _tag("wp:comment_user_id", comment.user_id or 0) + "</wp:comment>\n")
        return "".join(parts)


def export(out):
    Writer(out).write()
