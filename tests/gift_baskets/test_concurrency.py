"""The checkout's race (tests/checkout/test_concurrency.py) extended to gift baskets: basket
buyers and single-item buyers race for the same component on PostgreSQL. The component is
never oversold, nobody deadlocks, refused buyers get a clean answer."""
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import PartnerFactory
from tests.factories.checkout import add_to_basket, buyers_at_preview, place_orders_at_once, producer_product
from tests.factories.gift_baskets import curated_basket

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

BASKET_BUYERS = 10
SINGLE_BUYERS = 10
UNITS = 6  # of the shared component; each basket holds 2

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks race only on PostgreSQL (DATABASE_URL)"),
]


def test_baskets_and_single_buyers_never_oversell_a_component(vietnam):
    rice = producer_product(PartnerFactory(), stock=UNITS, title="Gạo nếp Khẩu Nua Lếch", price=Decimal("90000"))
    tea = producer_product(PartnerFactory(), stock=100, title="Trà Shan tuyết", price=Decimal("150000"))
    gift = curated_basket([(rice, 2), (tea, 1)], price=Decimal("300000")).gift_basket

    def single(buyer):
        add_to_basket(buyer, rice, 1)

    def basket(buyer):
        assert buyer.post(reverse("gift_baskets:add", args=[gift.pk])).status_code == 302

    clients = buyers_at_preview([single] * SINGLE_BUYERS + [basket] * BASKET_BUYERS)
    results = place_orders_at_once(clients)
    assert all(status in (200, 302) for status, _location, _body in results), results

    record = StockRecord.objects.get(product=rice)
    assert record.num_allocated <= record.num_in_stock == UNITS
    singles = Order.objects.filter(lines__product=rice).count()
    baskets = Order.objects.filter(lines__product=gift.product).count()
    assert record.num_allocated == singles + 2 * baskets
    # Oscar leaves num_allocated NULL until something is allocated (when every unit went to single buyers).
    assert (StockRecord.objects.get(product=tea).num_allocated or 0) == baskets
    assert record.num_allocated >= UNITS - 1  # the stock was sold out, not refused wrongly
