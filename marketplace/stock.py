"""Every stock movement of the marketplace, in one place.

- `hold(basket=…)`: at order placement, before any allocation, lock every stock record the
  basket will draw on (its plain lines and the components of its gift baskets) at once, in
  primary-key order (Saleor's rule: one lock per basket, same order for everyone, no deadlock).
- `allocate(held=…, basket_line=…, order_line=…)`: under that lock, re-check the gate of gift
  components and the free stock, then allocate. A gift basket (product class with
  `track_stock=False`) allocates its components; each component allocation is recorded as a
  `gift_baskets.SupplyLine` (what the component's producer supplies, and what to give back).
- `consume(lines=…)`: a parcel ships: the allocation leaves the shelf.
- `release(lines=…)`: a parcel is cancelled (producer, staff through Oscar's dashboard,
  an unpaid payment that expires): the allocation goes back on sale.
- `live_cap_take(featured=…, quantity=…)`: a live offer's allowance at the live price.

`consume` and `release` work on order lines (plain or gift) and are idempotent per line:
an order line whose allocation is already consumed or cancelled is skipped (Oscar's
`Line.num_allocated` / `allocation_cancelled` hold that state). Callers are inside
`transaction.atomic()`.
"""
from dataclasses import dataclass

from django.db.models import F
from django.utils.translation import gettext as _
from oscar.apps.order.exceptions import UnableToPlaceOrder
from oscar.core.loading import get_model


@dataclass
class Need:
    """Units of one stock record a line draws on."""

    stockrecord_id: int
    quantity: int
    product: object
    component: bool = False


def lock(stockrecord_ids):
    """The one stock lock: every record at once, primary-key order -> {pk: StockRecord}.

    FOR NO KEY UPDATE: checkouts still queue on the row, but a basket line being added for the
    same stock record (its foreign-key check takes FOR KEY SHARE) is not blocked; with FOR UPDATE
    that wait closed a deadlock with Oscar's analytics counters under load (benchmarks/load.py).
    """
    StockRecord = get_model("partner", "StockRecord")
    ids = sorted({pk for pk in stockrecord_ids if pk})
    if not ids:
        return {}
    records = (
        StockRecord._default_manager.select_for_update(no_key=True, of=("self",))  # the records only, not joined rows
        .select_related("partner", "product__product_class", "product__parent__product_class")
        .filter(pk__in=ids)
        .order_by("pk")
    )
    return {record.pk: record for record in records}


def _tracks(product):
    product_class = product.get_product_class() if product is not None else None
    return bool(product_class and product_class.track_stock)


def _gift_needs(strategy, line):
    """Needs of a basket/order line holding a gift basket (its components), or None for other lines."""
    from gift_baskets import selectors as gift_selectors

    pairs = gift_selectors.line_components(strategy, line)
    if pairs is None:
        return None
    title = line.product.get_title() if line.product else ""
    if not pairs or line.quantity <= 0:
        raise UnableToPlaceOrder(_("Giỏ quà “%(title)s” không hợp lệ.") % {"title": title})
    components = gift_selectors.component_views(strategy, pairs)
    if len(components) != len(pairs):
        raise UnableToPlaceOrder(_("Giỏ quà “%(title)s” có sản phẩm không còn tồn tại.") % {"title": title})
    needs = []
    for component in components:
        if not component.on_sale or component.info.stockrecord is None:
            raise UnableToPlaceOrder(
                _("Giỏ quà “%(title)s”: “%(item)s” hiện không được bán.")
                % {"title": title, "item": component.product.get_title()}
            )
        if _tracks(component.product):
            needs.append(
                Need(component.info.stockrecord.pk, component.quantity * line.quantity, component.product, component=True)
            )
    return needs


def basket_line_needs(strategy, line):
    """What one basket line will draw on: its own record, or its gift components' records."""
    gift = _gift_needs(strategy, line)
    if gift is not None:
        return gift
    if line.quantity <= 0:
        raise UnableToPlaceOrder(_("Số lượng không hợp lệ."))
    if not line.stockrecord_id or not _tracks(line.product):
        return []
    return [Need(line.stockrecord_id, line.quantity, line.product)]


@dataclass
class Held:
    """The locked stock of one basket being placed: records by pk and each basket line's needs."""

    records: dict
    needs: dict  # basket line pk -> [Need]


def hold(*, basket):
    """Lock, once and before any allocation, every stock record the basket draws on."""
    needs = {line.pk: basket_line_needs(basket.strategy, line) for line in basket.all_lines()}
    return Held(records=lock(need.stockrecord_id for line_needs in needs.values() for need in line_needs), needs=needs)


def out_of_stock_message(title):
    return _("Hết hàng: “%(title)s” không còn đủ số lượng bạn đặt. Vui lòng giảm số lượng hoặc bỏ sản phẩm khỏi giỏ.") % {
        "title": title
    }


def _free(record):
    return (record.num_in_stock or 0) - (record.num_allocated or 0)


def allocate(*, held, basket_line, order_line):
    """Allocate what one basket line draws on (all or nothing), under the basket's lock."""
    SupplyLine = get_model("gift_baskets", "SupplyLine")
    needs = held.needs.get(basket_line.pk)
    if needs is None:  # a line added after hold(): lock it now (same order rule)
        needs = basket_line_needs(basket_line.strategy, basket_line)
        held.records.update(lock(need.stockrecord_id for need in needs))
    wanted = {}
    for need in needs:
        wanted[need.stockrecord_id] = wanted.get(need.stockrecord_id, 0) + need.quantity
    for record_id, quantity in wanted.items():
        if quantity > _free(held.records[record_id]):
            need = next(n for n in needs if n.stockrecord_id == record_id)
            if need.component:
                raise UnableToPlaceOrder(
                    _("Hết hàng: “%(item)s” trong giỏ quà “%(title)s” không còn đủ số lượng.")
                    % {"item": need.product.get_title(), "title": basket_line.product.get_title()}
                )
            raise UnableToPlaceOrder(out_of_stock_message(need.product.get_title()))
    for need in needs:
        record = held.records[need.stockrecord_id]
        record.allocate(need.quantity)
        if need.component:
            SupplyLine.objects.create(
                order_line=order_line,
                product=need.product,
                partner=record.partner,
                stockrecord=record,
                quantity=need.quantity,
            )


def _order_line_needs(line):
    """What a placed order line still holds: its supply lines for a gift basket, else its own record."""
    if line.allocation_cancelled or not line.num_allocated:
        return []
    supply = list(line.gift_supply_lines.all())
    if supply:
        return [Need(row.stockrecord_id, row.quantity, row.product, component=True) for row in supply]
    if line.stockrecord_id and _tracks(line.product):
        return [Need(line.stockrecord_id, line.num_allocated, line.product)]
    return []


def _move(lines, apply):
    Line = get_model("order", "Line")
    lines = list(lines)
    needs = {line.pk: _order_line_needs(line) for line in lines}
    records = lock(need.stockrecord_id for line_needs in needs.values() for need in line_needs)
    for line in lines:
        for need in needs[line.pk]:
            apply(records[need.stockrecord_id], need.quantity)
    return Line, [line.pk for line in lines if line.num_allocated and not line.allocation_cancelled]


def consume(*, lines):
    """A parcel ships: each line's allocation (or its gift components') leaves the stock."""

    def apply(record, quantity):
        quantity = min(quantity, record.num_allocated or 0, record.num_in_stock or 0)
        if quantity:
            record.consume_allocation(quantity)

    Line, pks = _move(lines, apply)
    Line._default_manager.filter(pk__in=pks).update(num_allocated=0)


def release(*, lines):
    """A parcel is cancelled: each line's allocation (or its gift components') goes back on sale."""

    def apply(record, quantity):
        record.cancel_allocation(quantity)

    Line, pks = _move(lines, apply)
    Line._default_manager.filter(pk__in=pks).update(num_allocated=0, allocation_cancelled=True)


def live_cap_take(*, featured, quantity):
    """Add `quantity` to a live offer's sold count only if it stays within the cap.

    A conditional UPDATE, so the cap holds even where the row lock is a no-op (SQLite):
    returns False when the cap would be exceeded.
    """
    FeaturedProduct = type(featured)
    rows = FeaturedProduct.objects.filter(pk=featured.pk)
    if featured.quantity_cap is not None:
        rows = rows.filter(sold_quantity__lte=featured.quantity_cap - quantity)
    taken = rows.update(sold_quantity=F("sold_quantity") + quantity) == 1
    if taken:
        featured.refresh_from_db(fields=["sold_quantity"])
    return taken
