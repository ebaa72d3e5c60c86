from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShopsConfig(AppConfig):
    name = "shops"
    verbose_name = _("Nhà sản xuất và điểm bán OCOP")

    def ready(self):
        from shops import signals

        signals.connect()
