"""Oscar's shipping models, plus each producer's own parcel rate.

Shipping is charged per producer parcel: a flat fee, free when the producer's part of
the basket reaches the threshold the producer sets. Kept here (keyed by Partner) so the
producer profile stays free of checkout concerns.
"""
from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace.money import validate_whole_dong


class ProducerShippingRate(models.Model):
    partner = models.OneToOneField(
        "partner.Partner", on_delete=models.CASCADE, related_name="shipping_rate", verbose_name=_("nhà sản xuất")
    )
    flat_fee = models.DecimalField(
        _("phí giao mỗi kiện (đồng)"), max_digits=12, decimal_places=2, validators=[validate_whole_dong]
    )
    free_threshold = models.DecimalField(
        _("miễn phí giao từ (đồng)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[validate_whole_dong],
        help_text=_("Để trống nếu không miễn phí giao hàng."),
    )

    class Meta:
        verbose_name = _("phí giao hàng của nhà sản xuất")
        verbose_name_plural = _("phí giao hàng của nhà sản xuất")
        constraints = [
            models.CheckConstraint(condition=models.Q(flat_fee__gte=0), name="shipping_rate_fee_not_negative"),
        ]

    def __str__(self):
        return f"{self.partner.name}: {self.flat_fee}"


from oscar.apps.shipping.models import *  # noqa: E402,F401,F403
