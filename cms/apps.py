from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Cổng thông tin OCOP")

    def ready(self):
        from cms.cache import connect_purge_signals

        connect_purge_signals()
