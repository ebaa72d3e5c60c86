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

    def clean(self):
        # The dashboard stock form does not carry num_allocated, so Django would skip the
        # constraint above there; check it here so the form shows the message, not a 500.
        super().clean()
        if self.num_in_stock is not None and (self.num_allocated or 0) > self.num_in_stock:
            from django.core.exceptions import ValidationError

            raise ValidationError(
                {
                    "num_in_stock": _(
                        "Số lượng tồn kho không được nhỏ hơn %(allocated)s đã giữ cho đơn hàng chưa giao."
                    )
                    % {"allocated": self.num_allocated}
                }
            )


from oscar.apps.partner.models import *  # noqa: E402,F401,F403
