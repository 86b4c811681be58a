from core.site_url import SiteSitemap

from .models import Page


class PageSitemap(SiteSitemap):
    changefreq = "monthly"

    def items(self):
        return Page.objects.published().order_by("slug").only("slug", "updated_at")

    def lastmod(self, page):
        return page.updated_at
