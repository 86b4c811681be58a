from django.urls import path

from . import views

app_name = "fediverse"

urlpatterns = [
    path(".well-known/webfinger", views.webfinger, name="webfinger"),
    path(".well-known/nodeinfo", views.nodeinfo_links, name="nodeinfo-links"),
    path("nodeinfo/2.1", views.nodeinfo, name="nodeinfo"),
    path("fediverse/actor", views.actor, name="actor"),
    path("@<str:handle>", views.actor, name="profile"),
    path("fediverse/posts/<int:pk>", views.post_object, name="post"),
    path("fediverse/comments/<int:pk>", views.comment_object, name="comment"),
    path("fediverse/outbox", views.outbox, name="outbox"),
    path("fediverse/followers", views.followers, name="followers"),
    path("fediverse/inbox", views.inbox_view, name="inbox"),
]
