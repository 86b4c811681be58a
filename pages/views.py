from django.views.generic import DetailView

from posts.views import HomeView, StaffPreviewMixin

from .models import FrontPage, Page


class PageDetailView(StaffPreviewMixin, DetailView):
    template_name = "pages/page_detail.html"
    context_object_name = "page"

    def get_queryset(self):
        return self.visible(Page.objects.all())

    def get_object(self, queryset=None):
        if not hasattr(self, "_page"):
            self._page = super().get_object(queryset)
        return self._page

    def get(self, request, *args, **kwargs):
        """The posts page lists the latest posts under its own title."""
        page = self.get_object()
        if page.is_public and page.pk == FrontPage.ids()[1]:
            return PostsPageView.as_view(page=page)(request)
        return super().get(request, *args, **kwargs)


class PostsPageView(HomeView):
    page = None

    def get_context_data(self, **kwargs):
        return super().get_context_data(archive_title=self.page.title, **kwargs)


def front(request, *args, **kwargs):
    """The site's root: a page when one is set as the front page, else the latest posts
    (and always the answer to ``/?s=`` searches, as in WordPress)."""
    front_id = FrontPage.ids()[0]
    if front_id and "s" not in request.GET:
        page = Page.objects.published().filter(pk=front_id).only("slug").first()
        if page is not None:
            return PageDetailView.as_view()(request, slug=page.slug)
    return HomeView.as_view()(request, *args, **kwargs)
