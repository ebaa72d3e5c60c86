"""Listing cards are cached, yet always show the current price, stock and certificate."""
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import product_on_sale

pytestmark = pytest.mark.django_db
StockRecord = get_model("partner", "StockRecord")


def card_of(html, product):
    """The HTML of one product's card on a listing page."""
    cards = re.findall(r'<article class="product_pod">.*?</article>', html, flags=re.S)
    mine = [card for card in cards if f"_{product.pk}/" in card]
    assert len(mine) == 1, f"no single card for {product.title}"
    return mine[0]


def test_a_card_follows_price_and_stock_changes_after_being_cached(client):
    product = product_on_sale(title="Miến dong Tài Hoan", price=Decimal("120000"), stock=5)
    first = card_of(client.get(reverse("catalogue:index")).content.decode(), product)
    assert "120.000" in first and 'formaction="' in first

    record = product.stockrecords.get()
    record.price = Decimal("95000")
    record.save()
    repriced = card_of(client.get(reverse("catalogue:index")).content.decode(), product)
    assert "95.000" in repriced and "120.000" not in repriced

    # Allocations bypass save() (no date_updated change): the card must still notice.
    StockRecord.objects.filter(pk=record.pk).update(num_allocated=5)
    sold_out = card_of(client.get(reverse("catalogue:index")).content.decode(), product)
    assert "formaction" not in sold_out and "disabled" in sold_out


def test_the_listing_has_one_csrf_form_that_every_card_button_submits(client):
    products = [product_on_sale(title=f"Trà Shan tuyết {i}") for i in range(3)]
    html = client.get(reverse("catalogue:index")).content.decode()
    assert html.count('id="card-add-form"') == 1
    assert html.count("csrfmiddlewaretoken") == 1
    for product in products:
        card = card_of(html, product)
        assert 'form="card-add-form"' in card
        assert f'formaction="{reverse("basket:add", kwargs={"pk": product.pk})}"' in card
        assert "csrfmiddlewaretoken" not in card  # cached HTML holds nothing of one visitor


def test_adding_from_a_card_puts_the_product_in_the_basket(client):
    product = product_on_sale(title="Mật ong rừng Ba Bể")
    client.get(reverse("catalogue:index"))
    response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1}, follow=True)
    assert response.status_code == 200
    assert [line.product for line in response.context["request"].basket.all_lines()] == [product]
