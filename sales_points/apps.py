from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SalesPointsConfig(AppConfig):
    name = "sales_points"
    label = "sales_points"
    verbose_name = _("Điểm giới thiệu và bán sản phẩm OCOP")
    default_auto_field = "django.db.models.AutoField"
