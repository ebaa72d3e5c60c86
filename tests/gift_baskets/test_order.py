"""Ordering a gift basket allocates each component's stock under the checkout's row locks."""
from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from gift_baskets.models import SupplyLine
from tests.factories import PartnerFactory
from tests.factories.checkout import add_to_basket, guest_checkout_until_preview, place_order, producer_product
from tests.factories.gift_baskets import PackagingOptionFactory, curated_basket

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def _basket_of_two(stock_rice=10, stock_tea=10):
    rice_maker, tea_maker = PartnerFactory(name="HTX Nếp Khẩu Nua"), PartnerFactory(name="HTX Trà Bằng Phúc")
    rice = producer_product(rice_maker, stock=stock_rice, title="Gạo nếp Khẩu Nua Lếch", price=Decimal("90000"))
    tea = producer_product(tea_maker, stock=stock_tea, title="Trà Shan tuyết", price=Decimal("150000"))
    basket = curated_basket([(rice, 2), (tea, 1)], price=Decimal("300000"), partner=PartnerFactory(name="Điểm bán Ba Bể"))
    return basket, rice, tea


def test_ordering_a_basket_allocates_each_component_and_records_supply_lines(client, vietnam):
    basket, rice, tea = _basket_of_two()
    gift = basket.gift_basket
    gift.packaging_options.add(PackagingOptionFactory(code="tho-cam", fee=Decimal("50000")))
    response = client.post(
        reverse("gift_baskets:add", args=[gift.pk]), {"packaging": "tho-cam", "card_message": "Chúc mừng năm mới"}
    )
    assert response.status_code == 302

    guest_checkout_until_preview(client)
    response = place_order(client)
    assert response.status_code == 302, response.content.decode()[:2000]

    order = Order.objects.get()
    line = order.lines.get()
    assert line.product == basket
    assert line.unit_price_incl_tax == Decimal("350000")  # basket price + brocade wrap, from fetch_for_line
    assert {a.type: a.value for a in line.attributes.all()}["gift_card_message"] == "Chúc mừng năm mới"
    assert StockRecord.objects.get(product=rice).num_allocated == 2
    assert StockRecord.objects.get(product=tea).num_allocated == 1
    supply = {(s.partner.name, s.product.title, s.quantity) for s in SupplyLine.objects.filter(order_line=line)}
    assert supply == {("HTX Nếp Khẩu Nua", "Gạo nếp Khẩu Nua Lếch", 2), ("HTX Trà Bằng Phúc", "Trà Shan tuyết", 1)}


def test_single_buyer_takes_the_last_units_and_the_basket_is_refused(client, vietnam):
    basket, rice, tea = _basket_of_two(stock_rice=2)
    client.post(reverse("gift_baskets:add", args=[basket.gift_basket.pk]))
    guest_checkout_until_preview(client)

    from django.test import Client

    single = Client()
    add_to_basket(single, rice, 1)
    guest_checkout_until_preview(single, email="le@example.vn")
    assert place_order(single).status_code == 302

    response = place_order(client)
    assert Order.objects.count() == 1
    body = response.content.decode() if response.status_code == 200 else ""
    assert response.status_code == 302 and response["Location"].endswith(reverse("basket:summary")) or "Hết hàng" in body
    record = StockRecord.objects.get(product=rice)
    assert record.num_allocated == 1  # never oversold
    assert not StockRecord.objects.get(product=tea).num_allocated  # nothing allocated for the refused basket
