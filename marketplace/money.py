"""Money is whole đồng end to end: VND has no minor unit.

The only place that parses, validates and rounds đồng:
- `parse_dong(value)`: what a person typed or a client sent ('120000', '120.000', '120 000 ₫', 120000)
  → Decimal of whole đồng, or None when blank; refuses decimals, negatives and non-numbers;
- `validate_whole_dong(value)`: the model-field validator (prices, fees, live prices);
- `to_dong(amount)`: rounds a computed amount (shares, proportions) to whole đồng, half up, as an int
  (what Stripe and the VietQR payload take).
Displaying is Oscar's `currency` filter with `OSCAR_CURRENCY_FORMAT` (`120.000 ₫`); in the browser,
`static/js/money.js`.
"""
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

FRACTIONAL_MESSAGE = _("Giá tính bằng đồng, không có phần thập phân (ví dụ 120000).")
_GROUPED = re.compile(r"\d{1,3}([.,]\d{3})+")
_JUNK = ("\u00a0", " ", "₫", "đ", "VND", "vnd")


# Far above any price or order total (Oscar's price columns hold 12 digits); also keeps
# `quantize` inside Decimal's 28-digit context (1E+100 is "whole" but cannot be quantized).
MAX_DIGITS = 15


def _check(amount):
    if not amount.is_finite():
        raise ValidationError(_("Giá không hợp lệ."), code="invalid")
    if amount.adjusted() >= MAX_DIGITS:
        raise ValidationError(_("Giá quá lớn."), code="too_large")
    if amount != amount.to_integral_value():
        raise ValidationError(FRACTIONAL_MESSAGE, code="fractional_dong")
    if amount < 0:
        raise ValidationError(_("Giá không được âm."), code="negative")
    return amount


def validate_whole_dong(value):
    """Refuse amounts with a fractional part (Oscar's price fields keep 2 decimal places)."""
    if value is None:
        return
    if isinstance(value, bool):
        raise ValidationError(_("Giá không hợp lệ."), code="invalid")
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError(_("Giá không hợp lệ."), code="invalid")
    _check(amount)


def parse_dong(value):
    """Whole đồng: '120000', '120.000', '120 000 ₫', 120000 → Decimal('120000'); blank → None."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValidationError(_("Giá “%(value)s” không phải là số.") % {"value": value}, code="invalid")
    if isinstance(value, (int, Decimal)):
        amount = Decimal(value)
    else:
        text = str(value).strip()
        for junk in _JUNK:
            text = text.replace(junk, "")
        if not text:
            return None
        if _GROUPED.fullmatch(text):
            text = text.replace(".", "").replace(",", "")
        else:
            text = text.replace(",", ".")  # a decimal comma: refused below unless whole
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValidationError(_("Giá “%(value)s” không phải là số.") % {"value": value}, code="invalid")
    return _check(amount).quantize(Decimal("1"))


def to_dong(amount):
    """A computed amount rounded to whole đồng (half up), as an int."""
    return int(Decimal(amount).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
