from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping.methods import *  # noqa: F401,F403
from oscar.apps.shipping.methods import Base
from oscar.core import prices

from marketplace.shipping.selectors import shipping_total


class ProducerParcels(Base):
    """Each producer ships its own parcel: the charge is the sum of the parcels' fees."""

    code = "producer-parcels"
    name = _("Giao hàng theo từng nhà sản xuất")
    description = _("Mỗi nhà sản xuất gửi một kiện riêng; phí giao tính theo từng kiện.")

    def calculate(self, basket):
        total = shipping_total(basket)
        return prices.Price(currency=basket.currency, excl_tax=total, tax=Decimal("0"))
