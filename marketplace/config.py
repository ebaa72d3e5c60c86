"""Oscar's Shop config, without its `/` redirect: Wagtail serves the home page."""
from django.urls import path
from oscar import config as oscar_config


class Shop(oscar_config.Shop):
    def get_urls(self):
        from wagtail import views as wagtail_views

        urls = [pattern for pattern in super().get_urls() if getattr(pattern, "name", None) != "home"]
        # Oscar's templates reverse 'home'; it names Wagtail's root page here.
        return [path("", wagtail_views.serve, {"path": ""}, name="home"), *urls]
