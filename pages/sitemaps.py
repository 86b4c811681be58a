from django.contrib.sitemaps import Sitemap

from .models import Page


class PageSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Page.objects.published().order_by("slug").only("slug", "updated_at")

    def lastmod(self, page):
        return page.updated_at
