"""Availability of a gift basket, derived from its components through the Strategy."""
from django.utils.translation import gettext as _
from oscar.core.loading import get_class

Unavailable = get_class("partner.availability", "Unavailable")
StockRequired = get_class("partner.availability", "StockRequired")


class ComponentNotOnSale(Unavailable):
    """A component lost its certificate (or is withdrawn): the whole basket is off sale."""

    code = "gift-component-not-on-sale"
    gate_closed = True

    def __init__(self, titles):
        self.titles = list(titles)

    @property
    def message(self):
        return _("Tạm ngừng bán: %(titles)s hiện không được bán (chứng nhận OCOP hết hiệu lực hoặc bị thu hồi)") % {
            "titles": ", ".join(self.titles)
        }

    @property
    def short_message(self):
        return _("Tạm ngừng bán")

    def is_purchase_permitted(self, quantity):
        return False, self.message


class EmptyBasket(Unavailable):
    code = "gift-empty"
    gate_closed = True
    message = _("Giỏ quà chưa có sản phẩm nào")

    def is_purchase_permitted(self, quantity):
        return False, self.message


class ComponentStock(StockRequired):
    """Stock of a basket = the smallest `stock // quantity` over its components."""
