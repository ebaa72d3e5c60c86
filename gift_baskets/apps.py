from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GiftBasketsConfig(AppConfig):
    name = "gift_baskets"
    label = "gift_baskets"
    verbose_name = _("Giỏ quà văn hóa")
    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        from oscar.apps.order.signals import order_placed

        from gift_baskets import receivers

        order_placed.connect(receivers.record_supply_lines, dispatch_uid="gift_baskets_supply_lines")
