from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.generic import (
    DayArchiveView,
    DetailView,
    ListView,
    MonthArchiveView,
    TemplateView,
    YearArchiveView,
)

from . import browsing, search
from .models import Category, Post, PressLink, Tag


class PostListView(ListView):
    paginate_by = settings.POSTS_PER_PAGE
    template_name = "posts/post_list.html"
    context_object_name = "posts"

    def get_queryset(self):
        return Post.objects.published().for_listing()


class HomeView(PostListView):
    """The front page; like WordPress it also answers ``/?s=`` searches."""

    def get(self, request, *args, **kwargs):
        self.query = search.normalize(request.GET.get("s", ""))
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if self.query:
            self.results = search.search(super().get_queryset().defer(None).defer(
                "body", "excerpt", "search_document", "import_ref"), self.query)
            return self.results.posts
        return super().get_queryset().front_page_order()

    def get_template_names(self):
        return ["posts/search.html"] if "s" in self.request.GET else super().get_template_names()

    def get_context_data(self, **kwargs):
        return super().get_context_data(query=self.query, results=getattr(self, "results", None),
                                        **kwargs)


class CategoryView(PostListView):
    def get_queryset(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        return super().get_queryset().filter(categories=self.category)

    def get_context_data(self, **kwargs):
        return super().get_context_data(archive_title=self.category.name,
                                        archive_kind=_("Category"),
                                        feed_object=self.category, **kwargs)


class TagView(PostListView):
    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return super().get_queryset().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(archive_title=self.tag.name, archive_kind=_("Tag"),
                                        feed_object=self.tag, **kwargs)


class ArchiveMixin:
    date_field = "published_at"
    allow_empty = False
    make_object_list = True
    month_format = "%m"
    paginate_by = settings.POSTS_PER_PAGE
    template_name = "posts/post_list.html"
    context_object_name = "posts"

    def get_queryset(self):
        return Post.objects.published().for_listing()

    def get(self, request, *args, **kwargs):
        """Years outside 1 to 9998 have no archive: the next period would not be a date."""
        if not 1 <= int(kwargs["year"]) <= 9998:
            raise Http404
        return super().get(request, *args, **kwargs)


class YearArchive(ArchiveMixin, YearArchiveView):
    pass


class MonthArchive(ArchiveMixin, MonthArchiveView):
    pass


class DayArchive(ArchiveMixin, DayArchiveView):
    day_format = "%d"


class StaffPreviewMixin:
    """Staff who may view or change an object in the admin may also preview it on the
    site before it is public, marked as a preview nobody caches or indexes.

    Everyone else gets only ``published()`` objects, and every object is
    answered at its canonical address only.
    """

    def visible(self, queryset):
        opts = queryset.model._meta
        may_preview = any(
            self.request.user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")
            for action in ("view", "change")
        )
        return queryset if may_preview else queryset.published()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        canonical = self.object.get_absolute_url()
        if request.path != canonical:
            return redirect(canonical, permanent=True)
        response = self.render_to_response(self.get_context_data(object=self.object))
        if not self.object.is_public:
            response["X-Robots-Tag"] = "noindex, nofollow"
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response


class PostDetailView(StaffPreviewMixin, DetailView):
    """A post at its permalink; staff also see drafts and scheduled posts."""

    template_name = "posts/post_detail.html"
    context_object_name = "post"

    def get_queryset(self):
        return self.visible(Post.objects.select_related("author").prefetch_related(
            "categories", "tags", "press_links", "embeds"
        ))


class PressView(ListView):
    template_name = "posts/press.html"
    context_object_name = "press_links"
    paginate_by = 50

    def get_queryset(self):
        return (
            PressLink.objects.filter(post__in=Post.objects.published())
            .exclude(kind=PressLink.Kind.READ_ALSO)
            .select_related("post")
            .order_by("-date", "-post__published_at", "pk")
        )


class CategoryIndexView(TemplateView):
    template_name = "posts/category_index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(categories=browsing.categories_with_counts(), **kwargs)


class ArchiveIndexView(TemplateView):
    """Every month with posts, grouped by year, as WordPress's archive widget lists them."""

    template_name = "posts/archive_index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(months=browsing.months_with_counts(), **kwargs)


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"



class FeedStylesheetView(TemplateView):
    """What a feed opened in a browser looks like: a page saying how to subscribe."""

    template_name = "feeds/feed.xsl"
    content_type = "text/xsl; charset=utf-8"
