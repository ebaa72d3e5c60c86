"""A curated gift basket's Oscar product page (/catalogue/gio-qua-…/) reads the gate through the
Strategy: it lists the components and sells the basket; a component off sale stops it with the
Strategy's own reason, the same one the basket and the checkout give."""
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from marketplace.partner.strategy import is_on_sale, off_sale_reason
from tests.factories import PartnerFactory
from tests.factories.checkout import producer_product
from tests.factories.gift_baskets import PackagingOptionFactory, curated_basket

pytestmark = pytest.mark.django_db


@pytest.fixture
def basket():
    rice = producer_product(PartnerFactory(name="HTX Nếp Khẩu Nua"), title="Gạo nếp Khẩu Nua Lếch", price=Decimal("90000"))
    tea = producer_product(PartnerFactory(name="HTX Trà Bằng Phúc"), title="Trà Shan tuyết", price=Decimal("150000"))
    return curated_basket([(rice, 2), (tea, 1)], price=Decimal("300000"), title="Giỏ quà Tết Tày"), rice, tea


def test_product_page_shows_the_components_and_sells_the_basket(client, basket):
    product, _rice, _tea = basket
    assert is_on_sale(product)
    page = client.get(product.get_absolute_url()).content.decode()
    assert "Trong giỏ quà" in page and "Gạo nếp Khẩu Nua Lếch" in page and "Trà Shan tuyết" in page
    assert "Tạm ngừng bán" not in page and "chưa có chứng nhận OCOP" not in page
    assert 'id="add_to_basket_form"' in page


def test_a_component_off_sale_stops_the_basket_with_the_strategys_reason(client, basket):
    product, _rice, tea = basket
    tea.ocop_certificates.update(status="revoked")
    reason = off_sale_reason(product)
    assert reason and "Trà Shan tuyết" in reason
    page = client.get(product.get_absolute_url()).content.decode()
    assert "Tạm ngừng bán" in page and "Trà Shan tuyết" in page
    assert 'id="add_to_basket_form"' not in page


def test_a_plain_product_off_sale_gives_the_strategys_reason(basket):
    _product, rice, _tea = basket
    assert off_sale_reason(rice) is None
    rice.ocop_certificates.update(status="revoked")
    assert off_sale_reason(rice) == "Tạm ngừng bán: sản phẩm chưa có chứng nhận OCOP còn hiệu lực"


def test_a_packaging_fee_with_decimals_is_refused_in_vietnamese():
    option = PackagingOptionFactory.build(code="hop-go", name="Hộp gỗ", fee=Decimal("50000.50"))
    with pytest.raises(ValidationError) as error:
        option.full_clean()
    assert "không có phần thập phân" in str(error.value.message_dict["fee"])
    PackagingOptionFactory.build(code="hop-go", name="Hộp gỗ", fee=Decimal("50000")).full_clean()
