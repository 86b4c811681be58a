from django.urls import path, re_path

from . import feeds, views

app_name = "posts"

YEAR = r"(?P<year>\d{4})"
MONTH = r"(?P<month>\d{2})"
DAY = r"(?P<day>\d{2})"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("page/<int:page>/", views.HomeView.as_view(), name="home-page"),
    path("feed/", feeds.PostFeed(), name="feed"),
    path("feed/atom/", feeds.PostAtomFeed(), name="feed-atom"),
    path("press/", views.PressView.as_view(), name="press"),
    path("archive/", views.ArchiveIndexView.as_view(), name="archive-index"),
    path("categories/", views.CategoryIndexView.as_view(), name="category-index"),
    path("category/<slug:slug>/", views.CategoryView.as_view(), name="category"),
    path("category/<slug:slug>/page/<int:page>/", views.CategoryView.as_view(),
         name="category-page"),
    path("category/<slug:slug>/feed/", feeds.CategoryFeed(), name="category-feed"),
    path("category/<slug:slug>/feed/atom/", feeds.CategoryAtomFeed(), name="category-atom"),
    path("tag/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("tag/<slug:slug>/page/<int:page>/", views.TagView.as_view(), name="tag-page"),
    path("tag/<slug:slug>/feed/", feeds.TagFeed(), name="tag-feed"),
    path("tag/<slug:slug>/feed/atom/", feeds.TagAtomFeed(), name="tag-atom"),
    re_path(rf"^{YEAR}/$", views.YearArchive.as_view(), name="year"),
    re_path(rf"^{YEAR}/{MONTH}/$", views.MonthArchive.as_view(), name="month"),
    re_path(rf"^{YEAR}/{MONTH}/{DAY}/$", views.DayArchive.as_view(), name="day"),
    re_path(rf"^{YEAR}/{MONTH}/{DAY}/(?P<slug>[-\w]+)/$", views.PostDetailView.as_view(),
            name="detail"),
]
