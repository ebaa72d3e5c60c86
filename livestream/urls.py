"""Public URLs of the livestream app (included under the language prefix in marketplace/urls.py)."""
from django.urls import path

from livestream import views
from livestream.media import views as media_views

app_name = "livestream"
urlpatterns = [
    path("live/", views.index, name="index"),
    path("live/new/", views.schedule, name="schedule"),
    path("live/<int:pk>/", views.detail, name="detail"),
    path("live/<int:pk>/host/", views.host, name="host"),
    path("live/<int:pk>/buy/", views.buy, name="buy"),
    path("live/<int:pk>/remind/", views.remind, name="remind"),
    # Our own video: WHIP ingest (RFC 9725), the publishing token, the recording.
    path("live/<int:pk>/whip/", media_views.whip, name="whip"),
    path("live/<int:pk>/whip/<str:resource>/", media_views.whip_resource, name="whip_resource"),
    path("live/<int:pk>/token/", media_views.token_rotate, name="token_rotate"),
    path("live/<int:pk>/recording/delete/", media_views.recording_delete, name="recording_delete"),
]
