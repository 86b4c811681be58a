from django.urls import path

from . import views

app_name = "subscriptions"

urlpatterns = [
    path("subscribe/", views.SubscribeView.as_view(), name="subscribe"),
    path("subscribe/confirm/<str:token>/", views.ConfirmView.as_view(), name="confirm"),
    path("subscribe/stop/<str:token>/", views.StopView.as_view(), name="stop"),
]
