"""Writes of the gift-basket app."""
from django.utils.translation import gettext as _
from oscar.apps.order.exceptions import UnableToPlaceOrder
from oscar.core.loading import get_class, get_model

from gift_baskets import selectors
from gift_baskets.models import (
    CARD_OPTION_CODE,
    CONTENTS_OPTION_CODE,
    PACKAGING_OPTION_CODE,
    THEME_OPTION_CODE,
    SupplyLine,
)
from marketplace.order import locks

Option = get_model("catalogue", "Option")
Selector = get_class("partner.strategy", "Selector")


def components_allocate(*, line):
    """Allocate every component of an ordered gift-basket line, or do nothing for other lines.

    Called from the checkout's OrderCreator.update_stock_records, inside its transaction.
    All component stock records are locked at once with the checkout's own lock
    (pk order), the gate and the free stock are re-checked under the lock, then each
    component is allocated and a supply line is recorded for its producer.
    Returns True when the line was a gift basket.
    """
    strategy = Selector().strategy()
    pairs = selectors.line_components(strategy, line)
    if pairs is None:
        return False
    if not pairs or line.quantity <= 0:
        raise UnableToPlaceOrder(_("Giỏ quà “%(title)s” không hợp lệ.") % {"title": line.title})
    components = selectors.component_views(strategy, pairs)
    if len(components) != len(pairs):
        raise UnableToPlaceOrder(_("Giỏ quà “%(title)s” có sản phẩm không còn tồn tại.") % {"title": line.title})
    needed = {}
    for component in components:
        if not component.on_sale or component.info.stockrecord is None:
            raise UnableToPlaceOrder(
                _("Giỏ quà “%(title)s”: “%(item)s” hiện không được bán.")
                % {"title": line.title, "item": component.product.get_title()}
            )
        record_id = component.info.stockrecord.pk
        previous = needed.get(record_id, (component, 0))[1]
        needed[record_id] = (component, previous + component.quantity * line.quantity)
    records = {record.pk: record for record in locks.stockrecords_for_update(list(needed))}
    for record_id, (component, quantity) in needed.items():
        record = records[record_id]
        free = (record.num_in_stock or 0) - (record.num_allocated or 0)
        if quantity > free:
            raise UnableToPlaceOrder(
                _("Hết hàng: “%(item)s” trong giỏ quà “%(title)s” không còn đủ số lượng.")
                % {"item": component.product.get_title(), "title": line.title}
            )
    for record_id, (component, quantity) in sorted(needed.items()):
        records[record_id].allocate(quantity)
    return True


def supply_lines_create_for_order(*, order):
    """Record, for each gift-basket line of a placed order, what each component's producer must supply."""
    strategy = Selector().strategy()
    for line in order.lines.select_related("product__product_class", "product__parent"):
        pairs = selectors.line_components(strategy, line)
        if not pairs:
            continue
        for component in selectors.component_views(strategy, pairs):
            record = component.info.stockrecord
            SupplyLine.objects.get_or_create(
                order_line=line,
                product=component.product,
                defaults={"partner": record.partner, "stockrecord": record, "quantity": component.quantity * line.quantity},
            )


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
