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


@pytest.mark.parametrize(
    "typed, expected",
    [("120000", Decimal("120000")), ("120.000", Decimal("120000")), ("120 000 ₫", Decimal("120000")),
     (120000, Decimal("120000")), ("", None), (None, None)],
)
def test_parse_dong_reads_what_people_type(typed, expected):
    from marketplace.money import parse_dong

    assert parse_dong(typed) == expected


@pytest.mark.parametrize("typed", ["120000,5", "99.5", "-1000", "abc", True, "NaN", "1e100", 10**40, 1e300])
def test_parse_dong_refuses_decimals_negatives_and_words(typed):
    from django.core.exceptions import ValidationError

    from marketplace.money import parse_dong

    with pytest.raises(ValidationError):
        parse_dong(typed)


def test_to_dong_rounds_half_up_to_whole_dong():
    from marketplace.money import to_dong

    assert to_dong(Decimal("1000.5")) == 1001 and to_dong(Decimal("1000.49")) == 1000 and to_dong("120000.00") == 120000


def test_the_browser_formats_prices_like_the_server():
    """static/js/money.js is the one JS formatter; no other script formats prices itself."""
    from pathlib import Path

    static = Path(__file__).resolve().parents[2] / "static"
    assert "window.ocopMoney" in (static / "js" / "money.js").read_text()
    for script in static.rglob("*.js"):
        if "vendor" in script.parts or script.name == "money.js":
            continue
        text = script.read_text()
        assert "Intl.NumberFormat" not in text and "(?=(\\d{3})+" not in text, script
