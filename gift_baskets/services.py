"""Writes of the gift-basket app."""
from oscar.core.loading import get_model

from gift_baskets import selectors
from gift_baskets.models import (
    CARD_OPTION_CODE,
    CONTENTS_OPTION_CODE,
    PACKAGING_OPTION_CODE,
    THEME_OPTION_CODE,
)

Option = get_model("catalogue", "Option")


def ensure_options():
    """The Oscar options a gift-basket line carries (idempotent)."""
    specs = [
        (CONTENTS_OPTION_CODE, "Thành phần giỏ quà"),
        (CARD_OPTION_CODE, "Lời chúc trên thiệp"),
        (PACKAGING_OPTION_CODE, "Kiểu đóng gói"),
        (THEME_OPTION_CODE, "Chủ đề văn hóa"),
    ]
    options = {}
    for code, name in specs:
        options[code], _created = Option.objects.get_or_create(
            code=code, defaults={"name": name, "type": Option.TEXT, "required": False}
        )
    return options


def built_basket_add(*, basket, product, theme, items, packaging, card_message):
    """Put a built basket on the shopper's basket as one line carrying its contents as options."""
    options = ensure_options()
    values = [
        (CONTENTS_OPTION_CODE, selectors.format_contents([(item, 1) for item in items])),
        (THEME_OPTION_CODE, theme.code),
        (PACKAGING_OPTION_CODE, packaging.code if packaging else ""),
        (CARD_OPTION_CODE, card_message or ""),
    ]
    line, _created = basket.add_product(
        product, quantity=1, options=[{"option": options[code], "value": value} for code, value in values if value]
    )
    return line


def curated_basket_add(*, basket, product, packaging, card_message):
    """Put a curated basket on the shopper's basket, with the chosen packaging and card message."""
    options = ensure_options()
    values = [(PACKAGING_OPTION_CODE, packaging.code if packaging else ""), (CARD_OPTION_CODE, card_message or "")]
    line, _created = basket.add_product(
        product, quantity=1, options=[{"option": options[code], "value": value} for code, value in values if value]
    )
    return line
