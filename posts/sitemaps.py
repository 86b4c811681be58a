from django.db.models import Max
from django.urls import reverse

from core.site_url import SiteSitemap

from .models import Category, Post, Tag


class PostSitemap(SiteSitemap):
    changefreq = "monthly"

    def items(self):
        return Post.objects.published().order_by("-published_at").only(
            "slug", "published_at", "updated_at"
        )

    def lastmod(self, post):
        return post.updated_at


class TaxonomySitemap(SiteSitemap):
    """Categories and tags that have at least one published post, dated by their newest."""

    changefreq = "weekly"
    model = None

    def items(self):
        return (
            self.model.objects.filter(posts__in=Post.objects.published())
            .annotate(last=Max("posts__updated_at"))
            .order_by("slug")
        )

    def lastmod(self, obj):
        return obj.last


class CategorySitemap(TaxonomySitemap):
    model = Category


class TagSitemap(TaxonomySitemap):
    model = Tag


class PagesSitemap(SiteSitemap):
    changefreq = "daily"

    def items(self):
        return ["posts:home", "posts:press"]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        newest = Post.objects.published().aggregate(last=Max("updated_at"))
        return newest["last"]


SITEMAPS = {
    "pages": PagesSitemap,
    "posts": PostSitemap,
    "categories": CategorySitemap,
    "tags": TagSitemap,
}
