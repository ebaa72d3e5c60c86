from django.urls import path, re_path

from marketplace.complaints import views

app_name = "complaints"
urlpatterns = [
    path("accounts/returns/", views.ShopperListView.as_view(), name="list"),
    path("accounts/returns/new/<int:line_id>/", views.OpenView.as_view(), name="open"),
    path("accounts/returns/<int:pk>/", views.ShopperDetailView.as_view(), name="detail"),
    path("accounts/returns/<int:pk>/photos/<int:photo_pk>/", views.ShopperPhotoView.as_view(), name="photo"),
    # Guest orders, behind Oscar's signed order-status link (same pattern as customer:anon-order)
    re_path(
        r"^order-status/(?P<order_number>[\w-]*)/(?P<hash>[A-z0-9-_=:]+)/returns/new/(?P<line_id>\d+)/$",
        views.GuestOpenView.as_view(),
        name="guest-open",
    ),
    re_path(
        r"^order-status/(?P<order_number>[\w-]*)/(?P<hash>[A-z0-9-_=:]+)/returns/(?P<pk>\d+)/$",
        views.GuestDetailView.as_view(),
        name="guest-detail",
    ),
    re_path(
        r"^order-status/(?P<order_number>[\w-]*)/(?P<hash>[A-z0-9-_=:]+)/returns/(?P<pk>\d+)/photos/(?P<photo_pk>\d+)/$",
        views.GuestPhotoView.as_view(),
        name="guest-photo",
    ),
    path("dashboard/producer/<slug:slug>/returns/", views.ProducerListView.as_view(), name="producer-list"),
    path("dashboard/producer/<slug:slug>/returns/<int:pk>/", views.ProducerDetailView.as_view(), name="producer-detail"),
    path(
        "dashboard/producer/<slug:slug>/returns/<int:pk>/photos/<int:photo_pk>/",
        views.ProducerPhotoView.as_view(),
        name="producer-photo",
    ),
    path("dashboard/returns/", views.StaffListView.as_view(), name="staff-list"),
    path("dashboard/returns/<int:pk>/", views.StaffDetailView.as_view(), name="staff-detail"),
    path("dashboard/returns/<int:pk>/photos/<int:photo_pk>/", views.StaffPhotoView.as_view(), name="staff-photo"),
]
