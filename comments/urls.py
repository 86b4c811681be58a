from django.urls import path

from . import feeds, views

app_name = "comments"

urlpatterns = [
    path("comments/post/<int:post_id>/", views.PostCommentView.as_view(), name="post"),
    path("comments/feed/", feeds.LatestCommentsFeed(), name="feed"),
    path("comments/feed/<int:post_id>/", feeds.PostCommentsFeed(), name="post-feed"),
    path("privacy/confirm/<str:token>/", views.PrivacyConfirmView.as_view(),
         name="privacy-confirm"),
]
