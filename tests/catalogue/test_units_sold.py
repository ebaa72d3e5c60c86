"""'Đã bán N' under the price on cards and on the product page: units in orders that were not
cancelled, read in one query per listing page."""
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from marketplace.order.services import parcel_set_status
from ocop.templatetags.ocop_tags import compact_count
from tests.factories.checkout import guest_order, producer_product, staff_user

pytestmark = pytest.mark.django_db


def test_an_order_counts_on_the_card_and_the_page_until_it_is_cancelled(vietnam):
    product = producer_product(title="Mật ong bạc hà")
    order = guest_order(Client(), [product])
    guest_order(Client(), [product])

    listing = Client().get(reverse("catalogue:index")).content.decode()
    page = Client().get(product.get_absolute_url()).content.decode()
    assert "Đã bán 2" in listing and "Đã bán 2" in page

    staff = staff_user("order.change_order", "order.view_order")
    for parcel in order.parcels.all():
        parcel_set_status(parcel_id=parcel.pk, status="cancelled", user=staff)
    assert "Đã bán 1" in Client().get(reverse("catalogue:index")).content.decode()
    assert "Đã bán 1" in Client().get(product.get_absolute_url()).content.decode()


def test_nothing_sold_says_nothing():
    product = producer_product(title="Trà shan tuyết")
    assert "Đã bán" not in Client().get(reverse("catalogue:index")).content.decode()
    assert "Đã bán" not in Client().get(product.get_absolute_url()).content.decode()


def test_large_counts_are_compact_in_each_language():
    assert compact_count(950) == "950"
    with translation.override("vi"):
        assert compact_count(1234) == "1,2k" and compact_count(12500) == "12k"
    with translation.override("en"):
        assert compact_count(1234) == "1.2k"
