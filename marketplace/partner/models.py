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

    class Meta(AbstractStockRecord.Meta):
        # Checkout allocates under a row lock and re-checks; this is the last line of
        # defence against overselling. Model forms (the dashboard stock form) validate
        # constraints, so lowering stock below what is allocated shows this message.
        constraints = [
            models.CheckConstraint(
                condition=models.Q(num_allocated__isnull=True)
                | models.Q(num_in_stock__isnull=True)
                | models.Q(num_allocated__lte=models.F("num_in_stock")),
                name="stockrecord_allocated_within_stock",
                violation_error_message=_(
                    "Số lượng tồn kho không được nhỏ hơn số lượng đã giữ cho đơn hàng chưa giao."
                ),
            ),
        ]


from oscar.apps.partner.models import *  # noqa: E402,F401,F403
