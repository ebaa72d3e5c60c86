from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.abstract_models import AbstractStockRecord

from marketplace.money import validate_whole_dong


class StockRecord(AbstractStockRecord):
    # Same column as Oscar's, plus the whole-đồng rule: every form that edits a
    # price (Oscar's dashboard included) runs model field validators.
    price = models.DecimalField(
        _("Price"),
        decimal_places=2,
        max_digits=12,
        blank=True,
        null=True,
        validators=[validate_whole_dong],
    )


from oscar.apps.partner.models import *  # noqa: E402,F401,F403
