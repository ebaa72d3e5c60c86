"""Money is whole đồng end to end: VND has no minor unit."""
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def validate_whole_dong(value):
    """Refuse amounts with a fractional part (Oscar's price fields keep 2 decimal places)."""
    if value is None:
        return
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError(_("Giá không hợp lệ."), code="invalid")
    if amount != amount.to_integral_value():
        raise ValidationError(
            _("Giá tính bằng đồng, không có phần thập phân (ví dụ 120000)."), code="fractional_dong"
        )
    if amount < 0:
        raise ValidationError(_("Giá không được âm."), code="negative")
