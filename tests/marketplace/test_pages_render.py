"""The main shop pages render in Vietnamese with VND prices in whole đồng."""
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import category, product_on_sale

pytestmark = pytest.mark.django_db

DECIMAL_PRICE = re.compile(r"\d[\d.]*,\d{2}\s*₫|₫\s*\d[\d,]*\.\d{2}")


def assert_whole_dong(html):
    assert not DECIMAL_PRICE.search(html), DECIMAL_PRICE.search(html).group(0)
    assert "{#" not in html and "#}" not in html, "a template comment leaked into the page"


def test_home_page_lists_groups_and_products(client):
    food = category("Thực phẩm")
    product_on_sale(title="Miến dong Tài Hoan", price=Decimal("95000"), categories=[food])
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi"' in html
    assert "Sáu nhóm sản phẩm OCOP" in html
    assert "Thực phẩm" in html
    assert "Miến dong Tài Hoan" in html
    assert "95.000\u00a0₫" in html
    assert_whole_dong(html)


def test_home_page_empty_state(client):
    html = client.get("/").content.decode()
    assert "Chưa có sản phẩm nào đang bán" in html


def test_category_page_lists_its_products_with_prices(client):
    drinks = category("Đồ uống")
    product_on_sale(title="Rượu men lá Bằng Phúc", price=Decimal("160000"), categories=[drinks])
    product_on_sale(title="Mật ong Thanh Thịnh", categories=[category("Thực phẩm")])
    response = client.get(drinks.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Rượu men lá Bằng Phúc" in html
    assert "Mật ong Thanh Thịnh" not in html
    assert "160.000\u00a0₫" in html
    assert_whole_dong(html)


def test_product_page_shows_price_and_add_to_basket(client):
    product = product_on_sale(title="Trà Shan tuyết Ngọc Thắng", price=Decimal("120000"))
    response = client.get(product.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Trà Shan tuyết Ngọc Thắng" in html
    assert "120.000\u00a0₫" in html
    assert "Thêm vào giỏ hàng" in html
    assert_whole_dong(html)


def test_basket_and_first_checkout_step(client, vietnam):
    product = product_on_sale(title="Gạo nếp Khẩu Nua Lếch", price=Decimal("55000"))
    response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 2})
    assert response.status_code == 302
    basket = client.get(reverse("basket:summary"))
    html = basket.content.decode()
    assert basket.status_code == 200
    assert "Gạo nếp Khẩu Nua Lếch" in html
    assert "110.000\u00a0₫" in html
    assert_whole_dong(html)

    checkout = client.get(reverse("checkout:index"), follow=True)
    html = checkout.content.decode()
    assert checkout.status_code == 200
    assert "Địa chỉ email" in html  # the gateway asks a guest for an email or a login
    assert_whole_dong(html)


def test_english_version_keeps_the_same_price_format(client):
    product = product_on_sale(title="Bánh trời", price=Decimal("60000"))
    response = client.get("/en" + product.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en"' in html
    assert "60.000\u00a0₫" in html
    assert "Add to cart" in html
