"""The one base of the site's feeds: named after the site, or after what they follow."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Stylesheet
from django.utils.xmlutils import SimplerXMLGenerator

from . import identity
from .sanitizer import plain_line
from .site_url import AtSiteUrl


class AtomFeed(Atom1Feed):
    """Atom with the feed's stylesheets, which Django writes into RSS only."""

    def write(self, outfile, encoding):
        handler = SimplerXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        for stylesheet in self.feed["stylesheets"] or []:
            handler.processingInstruction("xml-stylesheet", stylesheet)
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")


class SiteFeed(Feed):
    """A feed of the site (``obj`` is ``None``) or of one thing on it: a category, a tag,
    a post's comments. Subclasses say which items and how each reads.

    Links and GUIDs are on ``SITE_URL`` whatever host the request named (see
    ``core.site_url``). Every title, the feed's and each item's, is one line of plain
    text (``plain_line``): feed readers show a title's markup as markup, so a post,
    category, tag or commenter named ``<script>`` must arrive as words."""

    def title(self, obj=None):
        name = identity.current().site_name
        return f"{name}: {obj}" if obj else name

    def link(self, obj=None):
        return obj.get_absolute_url() if obj else "/"

    def description(self, obj=None):
        return settings.SITE_TAGLINE

    subtitle = description

    def stylesheets(self, obj=None):
        """A feed opened in a browser reads as a page on how to subscribe (XSLT)."""
        return [Stylesheet(reverse("feed-stylesheet"), mimetype="text/xsl")]

    def __call__(self, request, *args, **kwargs):
        """Served as ``application/xml``: browsers show ``application/rss+xml`` as raw
        text or a download, but apply the stylesheet to XML; readers take either."""
        response = super().__call__(request, *args, **kwargs)
        response["Content-Type"] = "application/xml; charset=utf-8"
        return response

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, AtSiteUrl(request))
        feed.feed["title"] = plain_line(feed.feed["title"])
        for item in feed.items:
            item["title"] = plain_line(item["title"])
        return feed
