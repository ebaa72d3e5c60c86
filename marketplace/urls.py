from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from marketplace import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("cms.urls")),  # /sitemap.xml (one for both languages, with hreflang alternates)
    path("django-admin/", admin.site.urls),
    path("", include("marketplace.payments.urls")),
    path("api/v1/", include("ocop.api.urls")),  # open data, one address for every language
]

urlpatterns += i18n_patterns(
    # Each app owns its public URLs (see DESIGN §3); Oscar's shop keeps its usual paths.
    path("", include("ocop.urls")),
    path("", include("shops.urls")),
    path("", include("livestream.urls")),
    path("", include("sales_points.urls")),
    path("", include("ocop.evaluation.urls")),
    path("", include("gift_baskets.urls")),
    path("", include("marketplace.complaints.urls")),
    path("", include(apps.get_app_config("oscar").urls[0])),
    # Wagtail last: it serves "/" and every page path not matched above.
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG or settings.SERVE_MEDIA:
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns = [
        re_path(r"^%s(?P<path>.*)$" % settings.MEDIA_URL.lstrip("/"), serve, {"document_root": settings.MEDIA_ROOT})
    ] + urlpatterns
