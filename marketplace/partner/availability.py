from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.availability import *  # noqa: F401,F403
from oscar.apps.partner.availability import StockRequired as OscarStockRequired
from oscar.apps.partner.availability import Unavailable


class NotCertified(Unavailable):
    """The product has no current OCOP certificate: shown, but not for sale."""

    code = "not-certified"
    gate_closed = True  # the OCOP gate, not stock: see strategy.off_sale_reason
    message = _("Tạm ngừng bán: sản phẩm chưa có chứng nhận OCOP còn hiệu lực")

    @property
    def short_message(self):
        return _("Tạm ngừng bán")

    def is_purchase_permitted(self, quantity):
        return False, _("Sản phẩm tạm ngừng bán vì chứng nhận OCOP đã hết hiệu lực hoặc bị thu hồi.")


class StockRequired(OscarStockRequired):  # found by get_class from Oscar's Strategy
    """A certified product is sold while there is stock; without stock it stays listed as "Hết hàng"."""

    def is_purchase_permitted(self, quantity):
        if self.num_available <= 0:
            return False, _("sản phẩm đã hết hàng")
        if quantity > self.num_available:
            return False, _("chỉ còn %(max)d sản phẩm") % {"max": self.num_available}
        return True, ""

    @property
    def short_message(self):
        return _("Còn hàng") if self.num_available > 0 else _("Hết hàng")

    @property
    def message(self):
        if self.num_available > 0:
            return _("Còn hàng (%d sản phẩm)") % self.num_available
        return _("Hết hàng")
