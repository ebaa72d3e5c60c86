from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import PartnerFactory
from tests.factories.checkout import producer_product
from tests.factories.gift_baskets import CultureThemeFactory, curated_basket

pytestmark = pytest.mark.django_db


def test_basket_page_lists_components_with_stars_producer_and_price_against_parts(client):
    theme = CultureThemeFactory(code="tet-tay", name="Tết của người Tày", story="Bánh chưng dài, bánh trời.")
    rice = producer_product(PartnerFactory(name="HTX Nếp Khẩu Nua"), title="Gạo nếp Khẩu Nua Lếch", price=Decimal("90000"))
    tea = producer_product(PartnerFactory(name="HTX Trà Bằng Phúc"), title="Trà Shan tuyết", price=Decimal("150000"))
    basket = curated_basket([(rice, 2), (tea, 1)], price=Decimal("300000"), theme=theme, title="Giỏ Tết Tày")

    body = client.get(reverse("gift_baskets:detail", args=[basket.gift_basket.pk])).content.decode()

    assert "Gạo nếp Khẩu Nua Lếch" in body and "HTX Nếp Khẩu Nua" in body and "HTX Trà Bằng Phúc" in body
    assert "3 sao OCOP" in body
    assert "300.000" in body and "330.000" in body  # basket price vs 2×90.000 + 150.000
    assert "tiết kiệm 30.000" in body
    assert "Bánh chưng dài" in body

    index = client.get(reverse("gift_baskets:index") + "?theme=tet-tay").content.decode()
    assert "Giỏ Tết Tày" in index
    assert reverse("gift_baskets:index") in client.get(reverse("gift_baskets:index")).content.decode()


def test_unknown_or_builder_basket_is_404(client):
    assert client.get(reverse("gift_baskets:detail", args=[999])).status_code == 404
