"""Settlement: per producer and period, what was sold, collected (COD, transfer, card),
shipping, refunds, and what the marketplace owes the producer. Nothing moves money."""
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from oscar.core.loading import get_model

from marketplace.money import to_dong
from marketplace.payments.models import Method, OrderPayment


@dataclass
class SettlementRow:
    partner: object
    orders: int = 0
    sold: Decimal = Decimal("0")
    shipping: Decimal = Decimal("0")
    collected: dict = field(default_factory=lambda: {m.value: Decimal("0") for m in Method})
    refunds: Decimal = Decimal("0")
    commission: Decimal = Decimal("0")

    @property
    def collected_total(self):
        return sum(self.collected.values(), Decimal("0"))

    @property
    def owed(self):
        return self.collected_total - self.refunds - self.commission


def settlement_report(*, start, end, partners=None):
    """Rows for parcels of orders placed between start and end (dates, inclusive)."""
    Parcel = get_model("order", "Parcel")
    parcels = (
        Parcel.objects.filter(order__date_placed__date__gte=start, order__date_placed__date__lte=end)
        .exclude(status=Parcel.Status.CANCELLED)
        .select_related("partner", "order", "order__payment")
        .order_by("partner__name", "order_id")
    )
    if partners is not None:
        parcels = parcels.filter(partner__in=partners)
    rate = Decimal(str(getattr(settings, "MARKETPLACE_COMMISSION_RATE", "0")))
    parcels = list(parcels)
    from marketplace.complaints.selectors import refunds_by_order_and_partner

    # Complaint refunds belong to the producer of the returned line; any other refund
    # (e.g. a card paid after the order was cancelled) is shared in proportion below.
    line_refunds = refunds_by_order_and_partner({parcel.order_id for parcel in parcels})
    order_line_refunds = {}
    for (order_id, _partner_id), amount in line_refunds.items():
        order_line_refunds[order_id] = order_line_refunds.get(order_id, 0) + amount
    rows = {}
    for parcel in parcels:
        row = rows.setdefault(parcel.partner_id, SettlementRow(partner=parcel.partner))
        row.orders += 1
        row.sold += parcel.subtotal
        row.shipping += parcel.shipping_charge
        payment = getattr(parcel.order, "payment", None)
        if payment is None:
            continue
        if payment.method == Method.COD:
            collected = parcel.total if parcel.status == Parcel.Status.DELIVERED else Decimal("0")
        elif payment.status in (OrderPayment.Status.PAID, OrderPayment.Status.REFUNDED):
            collected = parcel.total
        else:
            collected = Decimal("0")
        row.collected[payment.method] += collected
        row.refunds += Decimal(line_refunds.get((parcel.order_id, parcel.partner_id), 0))
        other_refunds = max(0, int(payment.amount_refunded) - order_line_refunds.get(parcel.order_id, 0))
        if other_refunds and payment.amount:
            # A refund is shared between the order's parcels in proportion to their totals.
            row.refunds += to_dong(Decimal(other_refunds) * parcel.total / Decimal(payment.amount))
        row.commission += to_dong(collected * rate)
    return list(rows.values())
