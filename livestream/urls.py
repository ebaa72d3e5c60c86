"""Public URLs of the livestream app (included under the language prefix in marketplace/urls.py)."""
from django.urls import path  # noqa: F401

app_name = "livestream"
urlpatterns = []
