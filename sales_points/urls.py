"""URLs of the sales points (Decision 736): public directory and registration, point staff
pages, and the appraisal pages under /dashboard/sales-points/."""
from django.urls import path

from sales_points import dashboard_views, views

app_name = "sales_points"
urlpatterns = [
    path("sales-points/", views.index, name="index"),
    path("sales-points/register/", views.register, name="register"),
    path("sales-points/register/check/", views.check, name="check"),
    path("sales-points/mine/", views.mine, name="mine"),
    path("sales-points/pickup/<str:code>/", views.pickup, name="pickup"),
    path("sales-points/collect/", views.collect_choice, name="collect"),
    path("sales-points/<slug:slug>/", views.detail, name="detail"),
    path("sales-points/<slug:slug>/edit/", views.edit, name="edit"),
    path("sales-points/<slug:slug>/stock/", views.stock, name="stock"),
    path("sales-points/<slug:slug>/stock/import/", views.stock_import, name="stock-import"),
    path("sales-points/<slug:slug>/pickups/", views.pickups, name="pickups"),
    path("sales-points/<slug:slug>/stock/sync/", views.stock_sync, name="stock-sync"),
    path("sales-points/<slug:slug>/stock/sw.js", views.stock_service_worker, name="stock-sw"),
    path("sales-points/<slug:slug>/stock/manifest.webmanifest", views.stock_manifest, name="stock-manifest"),
    path("dashboard/sales-points/", dashboard_views.point_list, name="dashboard-list"),
    path("dashboard/sales-points/<int:pk>/", dashboard_views.point_detail, name="dashboard-detail"),
    path(
        "dashboard/sales-points/<int:pk>/<slug:action>/",
        dashboard_views.point_action,
        name="dashboard-action",
    ),
]
