"""The marketplace's pricing and availability policy (Oscar's Strategy).

VND prices are tax-inclusive shelf prices with no tax breakdown. The OCOP gate lives
here: a product without a current certificate is unavailable (it cannot be added to a
basket, and a basket line holding it fails checkout). Stock is separate from the gate:
a certified product without stock is "hết hàng", not hidden.
"""
from decimal import Decimal as D

from oscar.apps.partner import prices as oscar_prices
from oscar.apps.partner import strategy as oscar_strategy
from oscar.core.loading import get_class

NotCertified = get_class("partner.availability", "NotCertified")


class OcopCertifiedRequired(oscar_strategy.StockRequired):
    def availability_policy(self, product, stockrecord):
        from gift_baskets.selectors import gift_basket_availability  # gate through the components

        gift = gift_basket_availability(self, product)
        if gift is not None:
            return gift
        if not product.is_on_sale():
            return NotCertified()
        return super().availability_policy(product, stockrecord)


class OcopStrategy(
    oscar_strategy.UseFirstStockRecord, OcopCertifiedRequired, oscar_strategy.NoTax, oscar_strategy.Structured
):
    def select_stockrecord(self, product):
        # A sales point's own stock (click & collect) is sold only on lines the shopper chose to
        # collect there: a product page and an ordinary basket line use a producer's record.
        from sales_points.selectors import is_point_stockrecord

        for record in product.stockrecords.all():
            if not is_point_stockrecord(record):
                return record
        return None

    def fetch_for_line(self, line, stockrecord=None):
        # Live sales: a line carrying the live-session option is charged the live price
        # while its offer runs (livestream.selectors); the certified gate above still decides availability.
        from sales_points.selectors import is_point_stockrecord

        if is_point_stockrecord(line.stockrecord):
            # Collected at a sales point: the point's own stock and price.
            return self.fetch_for_product(line.product, stockrecord=line.stockrecord)
        info = super().fetch_for_line(line, stockrecord)
        from gift_baskets.selectors import gift_purchase_info_for_line  # basket contents priced here
        from livestream.selectors import live_price_for_line

        gift = gift_purchase_info_for_line(self, line, info)
        if gift is not None:
            return gift

        live_price = live_price_for_line(line) if info.price.exists else None
        if live_price is None:
            return info
        price = oscar_prices.FixedPrice(currency=info.price.currency, excl_tax=live_price, tax=D("0.00"))
        return oscar_strategy.PurchaseInfo(price=price, availability=info.availability, stockrecord=info.stockrecord)


class Selector:
    def strategy(self, request=None, user=None, **kwargs):
        return OcopStrategy(request)


# --- The gate, read through the Strategy's availability ------------------------------------
# Every page, service and consumer that must know "may this be sold now?" asks here, so a
# curated gift basket (gated through its components) and a plain product (gated by its own
# certificate) answer the same way everywhere, with the same reason. Stock is not the gate.


def off_sale_reason(product, *, strategy=None):
    """None while the OCOP gate lets `product` be sold; else the reason shown to people."""
    strategy = strategy or Selector().strategy()
    availability = strategy.fetch_for_product(product).availability
    if getattr(availability, "gate_closed", False):
        return str(availability.message)
    return None


def is_on_sale(product, *, strategy=None):
    """Whether the OCOP gate lets `product` be sold now (stock aside)."""
    return off_sale_reason(product, strategy=strategy) is None
