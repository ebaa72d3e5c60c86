from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackgroundConfig(AppConfig):
    name = "background"
    label = "background"
    verbose_name = _("Việc nền (thư, tác vụ định kỳ)")
    default_auto_field = "django.db.models.BigAutoField"
