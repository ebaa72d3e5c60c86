"""Public URLs of the livestream app (included under the language prefix in marketplace/urls.py)."""
from django.urls import path

from livestream import views

app_name = "livestream"
urlpatterns = [
    path("live/", views.index, name="index"),
    path("live/new/", views.schedule, name="schedule"),
    path("live/<int:pk>/", views.detail, name="detail"),
    path("live/<int:pk>/host/", views.host, name="host"),
    path("live/<int:pk>/buy/", views.buy, name="buy"),
    path("live/<int:pk>/remind/", views.remind, name="remind"),
]
