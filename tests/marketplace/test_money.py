"""Money is whole đồng: one display format in both languages, decimals refused on entry."""
from decimal import Decimal

import pytest
from django.utils import translation
from oscar.core.loading import get_class
from oscar.templatetags.currency_filters import currency

from tests.factories import PartnerFactory, ProductFactory, UserFactory

StockRecordForm = get_class("dashboard.catalogue.forms", "StockRecordForm")


@pytest.mark.parametrize("language", ["vi", "en"])
def test_price_format_is_the_same_in_both_languages(language):
    with translation.override(language):
        assert currency(Decimal("120000")) == "120.000\u00a0₫"
        assert currency(Decimal("1500000.00")) == "1.500.000\u00a0₫"


@pytest.mark.django_db
def test_dashboard_refuses_a_price_with_decimals():
    product = ProductFactory()
    partner = PartnerFactory()
    data = {"partner": partner.pk, "partner_sku": "SKU-1", "price_currency": "VND", "price": "120000.50", "num_in_stock": 5}
    form = StockRecordForm(product.product_class, UserFactory(is_staff=True), data=data)
    assert not form.is_valid()
    assert "không có phần thập phân" in str(form.errors["price"])


@pytest.mark.django_db
def test_dashboard_accepts_whole_dong():
    product = ProductFactory()
    partner = PartnerFactory()
    data = {"partner": partner.pk, "partner_sku": "SKU-2", "price_currency": "VND", "price": "120000", "num_in_stock": 5}
    form = StockRecordForm(product.product_class, UserFactory(is_staff=True), data=data)
    assert form.is_valid(), form.errors
