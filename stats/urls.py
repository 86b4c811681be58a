from django.urls import path
from django.views.generic import TemplateView

from . import views

app_name = "stats"

urlpatterns = [
    path("count/", views.count, name="count"),
    path("integritet/", TemplateView.as_view(template_name="stats/privacy.html"),
         name="privacy"),
]
