from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GiftBasketsConfig(AppConfig):
    name = "gift_baskets"
    label = "gift_baskets"
    verbose_name = _("Giỏ quà văn hóa")
    default_auto_field = "django.db.models.AutoField"
