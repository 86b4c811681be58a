from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from core import identity
from core.feeds import SiteFeed
from core.sanitizer import plain_line
from core.site_url import absolute_links

from . import targets
from .models import Comment


class LatestCommentsFeed(SiteFeed):
    """Approved comments on public posts and pages; never the commenter's e-mail address."""

    def title(self, obj=None):
        if obj:
            return _("Comments on “%(title)s”") % {"title": obj.title}
        return _("Comments on %(site)s") % {"site": identity.current().site_name}

    def items(self, obj=None):
        comments = Comment.objects.public().select_related("post", "page")
        if obj:
            comments = comments.filter(**targets.of(obj))
        return comments.order_by("-submitted_at", "-pk")[:30]

    def item_title(self, item):
        return _("%(name)s on “%(title)s”") % {"name": item.author_name,
                                               "title": item.target.title}

    def item_description(self, item):
        return absolute_links(item.body_html)

    def item_pubdate(self, item):
        return item.submitted_at

    def item_updateddate(self, item):
        return item.moderated_at or item.submitted_at

    def item_author_name(self, item):
        return plain_line(item.author_name)


class CommentsFeed(LatestCommentsFeed):
    """The comments under one public post or page."""

    def __init__(self, kind="post"):
        super().__init__()
        self.kind = kind

    def get_object(self, request, pk):
        return get_object_or_404(targets.published(self.kind), pk=pk)
