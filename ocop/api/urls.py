from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from ocop.api import docs, views

app_name = "api"
urlpatterns = [
    path("", docs.index, name="index"),
    path("docs/", docs.docs, name="docs"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("products/", views.ProductList.as_view(), name="products"),
    path("registry/", views.RegistryList.as_view(), name="registry"),
    path("registry/<str:code>/", views.RegistryDetail.as_view(), name="registry-detail"),
    path("certificates/", views.CertificateList.as_view(), name="certificates"),
    path("producers/", views.ProducerList.as_view(), name="producers"),
    path("sales-points/", views.SalesPointList.as_view(), name="sales-points"),
    path("live-sessions/", views.LiveSessionList.as_view(), name="live-sessions"),
    path("culture-themes/", views.CultureThemeList.as_view(), name="culture-themes"),
    path("bulk/", docs.bulk, name="bulk"),
    path("bulk/<str:name>", docs.bulk_file, name="bulk-file"),
]
