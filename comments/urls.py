from django.urls import path

from . import feeds, views

app_name = "comments"

urlpatterns = [
    path("comments/post/<int:pk>/", views.CommentView.as_view(), name="post"),
    path("comments/page/<int:pk>/", views.PageCommentView.as_view(), name="page"),
    path("comments/feed/", feeds.LatestCommentsFeed(), name="feed"),
    path("comments/feed/<int:pk>/", feeds.CommentsFeed(), name="post-feed"),
    path("comments/feed/page/<int:pk>/", feeds.CommentsFeed(kind="page"), name="page-feed"),
    path("comments/reply-mail/confirm/<str:token>/", views.ReplyMailConfirmView.as_view(),
         name="reply-mail-confirm"),
    path("comments/reply-mail/stop/<str:token>/", views.ReplyMailStopView.as_view(),
         name="reply-mail-stop"),
    path("privacy/confirm/<str:token>/", views.PrivacyConfirmView.as_view(),
         name="privacy-confirm"),
]
