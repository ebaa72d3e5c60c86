"""Reads: how a basket splits into producer parcels and what each parcel's shipping costs."""
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from oscar.core.loading import get_model


@dataclass
class ParcelQuote:
    partner: object
    lines: list = field(default_factory=list)
    subtotal: Decimal = Decimal("0")
    requires_shipping: bool = False
    fee: Decimal = Decimal("0")
    free_threshold: Decimal | None = None
    pickup_point: object = None  # a sales point: collected there, not shipped

    @property
    def total(self):
        return self.subtotal + self.fee

    @property
    def is_free(self):
        return self.requires_shipping and self.fee == 0


def default_rate():
    return Decimal(str(getattr(settings, "OCOP_DEFAULT_PARCEL_FEE", 30000)))


def parcel_quotes(basket):
    """One quote per producer, in the order producers first appear in the basket."""
    ProducerShippingRate = get_model("shipping", "ProducerShippingRate")
    quotes = {}
    for line in basket.all_lines():
        if line.stockrecord is None:
            continue
        partner = line.stockrecord.partner
        quote = quotes.setdefault(partner.pk, ParcelQuote(partner=partner))
        quote.lines.append(line)
        price = line.line_price_incl_tax_incl_discounts
        quote.subtotal += price if price is not None else Decimal("0")
        if line.product.get_product_class().requires_shipping:
            quote.requires_shipping = True
    rates = {rate.partner_id: rate for rate in ProducerShippingRate.objects.filter(partner_id__in=quotes)}
    # A sales point's partner: the shopper collects at the point (click & collect), nothing ships.
    SalesPoint = get_model("sales_points", "SalesPoint")
    for point in SalesPoint.objects.filter(partner_id__in=quotes):
        quotes[point.partner_id].requires_shipping = False
        quotes[point.partner_id].pickup_point = point
    for partner_id, quote in quotes.items():
        if not quote.requires_shipping:
            continue
        rate = rates.get(partner_id)
        fee = rate.flat_fee if rate else default_rate()
        threshold = rate.free_threshold if rate else None
        quote.free_threshold = threshold
        quote.fee = Decimal("0") if threshold is not None and quote.subtotal >= threshold else fee
    return list(quotes.values())


def shipping_total(basket):
    return sum((quote.fee for quote in parcel_quotes(basket)), Decimal("0"))
