from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from huddinge_site import sign_in
from huddinge_site.health import health
from pages import views as page_views
from pages.sitemaps import PageSitemap
from posts.editor_views import (
    ImageAltTextView,
    ImageLibraryView,
    ImageUploadView,
    MarkdownPreviewView,
)
from posts.media_views import serve_media
from posts.sitemaps import SITEMAPS
from posts.views import FeedStylesheetView, RobotsView
from subscriptions import bounces

admin.site.site_header = settings.SITE_NAME
admin.site.site_title = settings.SITE_NAME

urlpatterns = [
    path(f"{settings.ADMIN_PATH}login/", sign_in.PasswordStep.as_view()),
    path(f"{settings.ADMIN_PATH}login/verify/", sign_in.VerifyStep.as_view(),
         name="two-factor-verify"),
    path(f"{settings.ADMIN_PATH}login/setup/", sign_in.SetupStep.as_view(),
         name="two-factor-setup"),
    path(settings.ADMIN_PATH, admin.site.urls),
    path("markdownx/upload/", ImageUploadView.as_view(), name="markdownx_upload"),
    path("markdownx/markdownify/", MarkdownPreviewView.as_view(), name="markdownx_markdownify"),
    path("markdownx/images/", ImageLibraryView.as_view(), name="editor-images"),
    path("markdownx/images/<int:pk>/", ImageAltTextView.as_view(), name="editor-image-alt"),
    path("sitemap.xml", sitemap, {"sitemaps": {**SITEMAPS, "site-pages": PageSitemap}},
         name="django.contrib.sitemaps.views.sitemap"),
    path("robots.txt", RobotsView.as_view(), name="robots"),
    path("feed.xsl", FeedStylesheetView.as_view(), name="feed-stylesheet"),
    path("health/", health, name="health"),
    path("", page_views.front),
    path("", include("fediverse.urls")),
    path("", include("subscriptions.urls")),
    path("anymail/<path:path>", bounces.provider_webhook),
    path("", include("stats.urls")),
    path("", include("comments.urls")),
    path("", include("posts.urls")),
    path("", include("pages.urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve_media),
    ]
