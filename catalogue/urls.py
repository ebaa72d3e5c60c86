"""Public URLs of the catalogue app (included under the language prefix in marketplace/urls.py)."""
from django.urls import path  # noqa: F401

app_name = "catalogue_extra"  # "catalogue" is Oscar's namespace
urlpatterns = []
