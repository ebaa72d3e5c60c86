"""Public URLs of the OCOP programme (included under the language prefix in marketplace/urls.py)."""
from django.urls import path

from ocop import claims_dashboard, dashboard_views, registry_dashboard, registry_views, views

app_name = "ocop"
urlpatterns = [
    path("trace/<str:code>/", views.trace, name="trace"),
    path("trace/<str:code>/qr.svg", views.trace_qr, name="trace-qr"),
    path("ocop/", views.programme, name="programme"),
    path("ocop/tra-cuu/", registry_views.registry, name="registry"),
    path("ocop/tra-cuu.csv", registry_views.registry_csv, name="registry-csv"),
    path("ocop/tra-cuu/<str:code>/", registry_views.registry_detail, name="registry-detail"),
    path("ocop/tra-cuu/<str:code>/qr.svg", registry_views.registry_qr, name="registry-qr"),
    # The certification officer's pages (and producers' batches) in the Oscar dashboard's frame.
    path("dashboard/ocop/", dashboard_views.CertificateListView.as_view(), name="dashboard-certificates"),
    path(
        "dashboard/ocop/certificates/new/",
        dashboard_views.CertificateRegisterView.as_view(),
        name="dashboard-certificate-register",
    ),
    path(
        "dashboard/ocop/certificates/<int:pk>/scan/",
        dashboard_views.CertificateScanView.as_view(),
        name="dashboard-certificate-scan",
    ),
    path(
        "dashboard/ocop/certificates/<int:pk>/renew/",
        dashboard_views.CertificateRenewView.as_view(),
        name="dashboard-certificate-renew",
    ),
    path(
        "dashboard/ocop/certificates/<int:pk>/revoke/",
        dashboard_views.CertificateRevokeView.as_view(),
        name="dashboard-certificate-revoke",
    ),
    path("dashboard/ocop/registry/", registry_dashboard.RegistryListView.as_view(), name="dashboard-registry"),
    path("dashboard/ocop/registry/import/", registry_dashboard.RegistryImportView.as_view(), name="dashboard-registry-import"),
    path("dashboard/ocop/registry/new/", registry_dashboard.RegistryEntryView.as_view(), name="dashboard-registry-new"),
    path(
        "dashboard/ocop/registry/<str:code>/",
        registry_dashboard.RegistryEntryView.as_view(),
        name="dashboard-registry-entry",
    ),
    path("dashboard/ocop/claims/", claims_dashboard.ClaimReviewListView.as_view(), name="dashboard-claims"),
    path("dashboard/ocop/batches/", dashboard_views.BatchListView.as_view(), name="dashboard-batches"),
    path(
        "dashboard/ocop/batches/<int:pk>/stamps/",
        dashboard_views.BatchStampsView.as_view(),
        name="dashboard-batch-stamps",
    ),
    path("dashboard/ocop/areas/", dashboard_views.AreaListView.as_view(), name="dashboard-areas"),
    path("dashboard/ocop/inspections/", dashboard_views.InspectionListView.as_view(), name="dashboard-inspections"),
    path("dashboard/ocop/targets/", dashboard_views.TargetView.as_view(), name="dashboard-targets"),
]
