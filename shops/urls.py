"""Public URLs of the shops app and the producer back office (included under the language prefix)."""
from django.urls import path

from shops import dashboard_views, views

app_name = "shops"
urlpatterns = [
    path("shops/", views.DirectoryView.as_view(), name="index"),
    path("shops/apply/", views.ApplyView.as_view(), name="apply"),
    path("shops/<slug:slug>/", views.StorefrontView.as_view(), name="detail"),
    path("shops/<slug:slug>/follow/", views.FollowView.as_view(), name="follow"),
    # The producer's back office
    path("dashboard/producer/", dashboard_views.ProducerHomeView.as_view(), name="producer-home"),
    path("dashboard/producer/applications/", dashboard_views.ApplicationListView.as_view(), name="application-list"),
    path(
        "dashboard/producer/applications/<int:pk>/",
        dashboard_views.ApplicationDetailView.as_view(),
        name="application-detail",
    ),
    path(
        "dashboard/producer/applications/<int:pk>/documents/<int:doc_pk>/",
        dashboard_views.ApplicationDocumentView.as_view(),
        name="application-document",
    ),
    path("dashboard/producer/<slug:slug>/", dashboard_views.OverviewView.as_view(), name="producer-overview"),
    path("dashboard/producer/<slug:slug>/profile/", dashboard_views.ProfileEditView.as_view(), name="producer-profile"),
    path(
        "dashboard/producer/<slug:slug>/certificates/",
        dashboard_views.CertificatesView.as_view(),
        name="producer-certificates",
    ),
    path("dashboard/producer/<slug:slug>/sales/", dashboard_views.SalesView.as_view(), name="producer-sales"),
    path(
        "dashboard/producer/<slug:slug>/gift-baskets/",
        dashboard_views.GiftSupplyView.as_view(),
        name="producer-gift-supply",
    ),
    path("dashboard/producer/<slug:slug>/team/", dashboard_views.TeamView.as_view(), name="producer-team"),
    path("dashboard/producer/<slug:slug>/changes/", dashboard_views.ChangeLogView.as_view(), name="producer-changes"),
]
