from django.views.generic import DetailView

from posts.views import StaffPreviewMixin

from .models import Page


class PageDetailView(StaffPreviewMixin, DetailView):
    template_name = "pages/page_detail.html"
    context_object_name = "page"

    def get_queryset(self):
        return self.visible(Page.objects.all())
