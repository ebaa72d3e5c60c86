"""What a shopper sees on the shop pages (issue 20): header with search and cart count, products
first on the home page, the "Lọc" drawer with its count, the product page's decision facts."""
import re

import pytest

from tests.factories import product_on_sale
from tests.factories.shops import ProducerProfileFactory

pytestmark = pytest.mark.django_db


def test_product_page_shows_stars_producer_price_with_vat_and_buy_now_without_oscar_tax_table(client):
    product = product_on_sale(title="Miến dong Côn Minh")
    partner = product.stockrecords.get().partner
    profile = ProducerProfileFactory(partner=partner, slug="htx-con-minh")
    page = client.get(product.get_absolute_url()).content.decode()
    assert re.search(r'class="ocop-star-badge"[^>]*>OCOP \d sao<', page)
    assert f'class="producer-chip" href="{profile.get_absolute_url()}"' in page
    assert page.count("Giá đã gồm VAT") == 1
    assert "Mua ngay" in page and 'id="add_to_basket_form"' in page
    assert "Chứng nhận OCOP: quyết định" in page
    for sandbox in ("UPC", "Price (excl. tax)", "Giá (chưa thuế)", "Product Type"):
        assert sandbox not in page


def test_home_page_lists_products_before_the_groups_and_the_programme(client):
    product_on_sale(title="Trà hoa vàng")
    page = client.get("/").content.decode()
    assert page.index('class="product_pod') < page.index("Sáu nhóm sản phẩm OCOP") < page.index("Tin tức OCOP")


def test_header_has_search_field_cart_count_and_language_switch_in_the_menu(client):
    product = product_on_sale()
    client.post(f"/basket/add/{product.pk}/", {"quantity": 2})
    page = client.get("/catalogue/").content.decode()
    header = page[page.index('<header class="site-header"'):page.index("</header>")]
    assert 'name="q"' in header and "data-basket-count>2<" in header
    menu = header[header.index('id="site-menu"'):]
    assert 'hreflang="en"' in menu and "Đăng nhập / Đăng ký" in menu


def test_filter_button_counts_the_filters_on(client):
    product_on_sale()
    page = client.get("/catalogue/", {"stars": 5, "in_stock": "on"}).content.decode()
    button = page[page.index('class="filter-btn"'):page.index("</a>", page.index('class="filter-btn"'))]
    assert "Lọc" in button and 'filter-btn__count' in button and ">2<" in button
