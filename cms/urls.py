"""URLs of the portal outside Wagtail's page tree (included at the root, without a language prefix)."""
from django.urls import path

from cms import sitemap

app_name = "cms"
urlpatterns = [
    path("sitemap.xml", sitemap.sitemap, name="sitemap"),
]
