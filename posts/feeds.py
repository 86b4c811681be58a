from django.shortcuts import get_object_or_404

from core.feeds import AtomFeed, SiteFeed

from .models import Category, Post, Tag

FEED_SIZE = 20


class BasePostFeed(SiteFeed):
    """Newest published posts; subclasses narrow the selection or change the format."""

    description_template = "posts/feed_description.html"

    def get_posts(self, obj):
        return Post.objects.published()

    def items(self, obj=None):
        return (
            self.get_posts(obj)
            .select_related("author")
            .prefetch_related("categories", "press_links", "embeds")
            .order_by("-published_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.title

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.author.get_full_name() or item.author.get_username() if item.author else None

    def item_categories(self, item):
        return [category.name for category in item.categories.all()]


class PostFeed(BasePostFeed):
    pass


class PostAtomFeed(BasePostFeed):
    feed_type = AtomFeed


class TermFeed(BasePostFeed):
    """Posts of one category or tag."""

    model = None
    lookup = None

    def get_object(self, request, slug):
        return get_object_or_404(self.model, slug=slug)

    def get_posts(self, obj):
        return Post.objects.published().filter(**{self.lookup: obj})


class CategoryFeed(TermFeed):
    model, lookup = Category, "categories"


class CategoryAtomFeed(CategoryFeed):
    feed_type = AtomFeed


class TagFeed(TermFeed):
    model, lookup = Tag, "tags"


class TagAtomFeed(TagFeed):
    feed_type = AtomFeed
