"""A product page points shoppers to where they can buy in person and to the news about it;
a storefront shows the news about its producer."""
import pytest

from tests.factories import product_on_sale
from tests.factories.cms import news_page
from tests.factories.sales_points import ListingFactory

pytestmark = pytest.mark.django_db


def test_product_page_lists_the_sales_points_holding_it(client):
    listing = ListingFactory(point__name="Điểm bán OCOP hồ Ba Bể")
    html = client.get(listing.product.get_absolute_url()).content.decode()
    assert "Mua trực tiếp tại" in html
    assert "Điểm bán OCOP hồ Ba Bể" in html


def test_product_page_without_sales_point_shows_no_empty_box(client):
    product = product_on_sale()
    assert "Mua trực tiếp tại" not in client.get(product.get_absolute_url()).content.decode()


def test_news_linked_to_a_product_appears_on_its_page(client):
    product = product_on_sale(title="Miến dong Tài Hoan")
    news_page(title="Miến dong Tài Hoan đạt 5 sao", products=[product])
    html = client.get(product.get_absolute_url()).content.decode()
    assert "Tin tức liên quan" in html
    assert "Miến dong Tài Hoan đạt 5 sao" in html


def test_news_linked_to_a_producer_appears_on_the_storefront(client):
    from tests.factories.shops import ProducerProfileFactory

    profile = ProducerProfileFactory()
    news_page(title="HTX mở rộng vùng nguyên liệu", partners=[profile.partner])
    html = client.get(f"/shops/{profile.slug}/").content.decode()
    assert "HTX mở rộng vùng nguyên liệu" in html
