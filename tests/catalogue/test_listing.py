"""/catalogue/ and the group pages: products on sale only, stars and producer on each card,
and a query count that does not grow with the size of the catalogue."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import category
from tests.factories.catalogue import bulk_certified_products, certified_product, producer

pytestmark = pytest.mark.django_db


def queries_for(client, url):
    client.get(url)  # warm caches (thumbnail key-value store, site, session)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


def test_cards_show_stars_and_producer(client):
    food = category("Thực phẩm")
    certified_product(stars=4, title="Trà bí thơm", partner=producer("HTX Yến Dương", slug="htx-yen-duong"), categories=[food])
    html = client.get(reverse("catalogue:index")).content.decode()
    assert "Trà bí thơm" in html
    assert 'aria-label="4 sao OCOP"' in html
    assert "HTX Yến Dương" in html


@pytest.mark.parametrize("url_of", ["index", "group", "subgroup"])
def test_queries_per_page_do_not_grow_with_the_catalogue(client, url_of):
    food = category("Thực phẩm > Thực phẩm chế biến")
    drinks = category("Đồ uống")
    partners = [producer(f"HTX {i}", slug=f"htx-{i}") for i in range(3)]
    for i, partner in enumerate(partners):
        bulk_certified_products(40, partner=partner, categories=[food, drinks], start=i * 1000, expired_every=7)
    url = {
        "index": reverse("catalogue:index"),
        "group": food.get_parent().get_absolute_url(),
        "subgroup": food.get_absolute_url(),
    }[url_of]
    small, response = queries_for(client, url)
    assert len(response.context["products"]) == 24

    for i, partner in enumerate(partners):
        bulk_certified_products(400, partner=partner, categories=[food, drinks], start=10_000 + i * 2000, expired_every=7)
    large, response = queries_for(client, url)
    assert len(response.context["products"]) == 24
    assert large == small, f"{small} queries with 120 products, {large} with 1,320"


def test_expired_products_are_not_listed_at_any_size(client):
    food = category("Thực phẩm")
    partner = producer("HTX Mẫu", slug="htx-mau")
    products = bulk_certified_products(30, partner=partner, categories=[food], expired_every=3)
    response = client.get(reverse("catalogue:index"))
    listed = {product.pk for product in response.context["products"]}
    expired = {p.pk for i, p in enumerate(products) if i % 3 == 0}
    assert len(listed) == 20 and not listed & expired
