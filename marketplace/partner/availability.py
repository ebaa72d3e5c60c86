from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.availability import *  # noqa: F401,F403
from oscar.apps.partner.availability import Unavailable


class NotCertified(Unavailable):
    """The product has no current OCOP certificate: shown, but not for sale."""

    code = "not-certified"
    message = _("Tạm ngừng bán: sản phẩm chưa có chứng nhận OCOP còn hiệu lực")

    @property
    def short_message(self):
        return _("Tạm ngừng bán")

    def is_purchase_permitted(self, quantity):
        return False, _("Sản phẩm tạm ngừng bán vì chứng nhận OCOP đã hết hiệu lực hoặc bị thu hồi.")
