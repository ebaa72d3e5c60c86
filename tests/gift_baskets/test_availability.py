import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from oscar.core.loading import get_class

from tests.factories import product_on_sale
from tests.factories.gift_baskets import curated_basket

Selector = get_class("partner.strategy", "Selector")
pytestmark = pytest.mark.django_db


def _info(product):
    return Selector().strategy().fetch_for_product(product)


def test_availability_is_smallest_stock_over_quantity():
    rice = product_on_sale(stock=10)  # 10 // 2 = 5
    tea = product_on_sale(stock=7)  # 7 // 1 = 7
    sausage = product_on_sale(stock=12)  # 12 // 3 = 4
    basket = curated_basket([(rice, 2), (tea, 1), (sausage, 3)])
    record = sausage.stockrecords.get()
    record.num_allocated = 3  # 9 free // 3 = 3
    record.save()

    info = _info(basket)

    assert info.availability.is_available_to_buy
    assert info.availability.num_available == 3
    assert info.price.incl_tax == Decimal("500000")


def test_component_out_of_stock_makes_basket_out_of_stock():
    basket = curated_basket([(product_on_sale(stock=1), 2), (product_on_sale(stock=9), 1)])

    info = _info(basket)

    assert not info.availability.is_available_to_buy
    assert info.availability.num_available == 0


def test_component_losing_certificate_takes_basket_off_sale():
    rice = product_on_sale(stock=10)
    basket = curated_basket([(rice, 1), (product_on_sale(stock=10), 1)])
    assert _info(basket).availability.is_available_to_buy

    certificate = rice.ocop_certificates.get()
    certificate.valid_until = timezone.localdate() - datetime.timedelta(days=1)  # expired yesterday
    certificate.save()
    rice.refresh_from_db()
    assert not rice.is_on_sale()

    availability = _info(basket).availability
    assert not availability.is_available_to_buy
    assert rice.get_title() in availability.message
    assert availability.is_purchase_permitted(1)[0] is False


def test_ordinary_products_keep_the_gate():
    product = product_on_sale(stock=4)
    assert _info(product).availability.num_available == 4
