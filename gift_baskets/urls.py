"""Public URLs of the gift baskets (included under the language prefix in marketplace/urls.py)."""
from django.urls import path

from gift_baskets import views

app_name = "gift_baskets"
urlpatterns = [
    path("gift-baskets/", views.index, name="index"),
    path("gift-baskets/quote/", views.quote, name="quote"),
    path("gift-baskets/<int:pk>/", views.detail, name="detail"),
    path("gift-baskets/<int:pk>/add/", views.add_curated, name="add"),
]
