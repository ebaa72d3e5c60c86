"""The return/complaint rules, as numbers and lists: the services enforce them and the policy
page (`policy.py`) and the shopper's form print them from here, so the text never drifts
from what the code does."""
from django.utils.translation import gettext_lazy as _

#: A request may be opened until this many days after the parcel was marked delivered.
WINDOW_DAYS = 7
#: The producer answers within this many days; after that the shopper may take it to staff.
PRODUCER_ANSWER_DAYS = 3
#: Photos per request (at least one: they are the evidence).
MIN_PHOTOS = 1
MAX_PHOTOS = 5
#: Each photo is re-encoded to fit this box (shops.images: checked by content, ≤ 5 MB).
PHOTO_SIZE = (1600, 1600)
#: Staff record a bank-transfer refund (COD and VietQR orders) within this many days of acceptance;
#: later ones are flagged overdue on the staff page.
TRANSFER_REFUND_DAYS = 5
DESCRIPTION_MAX = 2000


class Reason:
    DAMAGED = "damaged"
    WRONG_ITEM = "wrong_item"
    MISSING = "missing"
    NOT_AS_DESCRIBED = "not_as_described"
    QUALITY = "quality"

    CHOICES = [
        (DAMAGED, _("Hàng bị hư hỏng, dập vỡ khi nhận")),
        (WRONG_ITEM, _("Giao sai sản phẩm")),
        (MISSING, _("Thiếu số lượng")),
        (NOT_AS_DESCRIBED, _("Không đúng mô tả trên sàn")),
        (QUALITY, _("Hết hạn sử dụng hoặc lỗi chất lượng")),
    ]
