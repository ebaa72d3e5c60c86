"""A gift basket's components follow the order: cancelling gives them back, shipping takes
them off the shelf, an unpaid transfer that expires releases them, and staff cancelling the
order through Oscar's dashboard form does the same (marketplace/stock.py is the one path)."""
import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.order.services import parcel_set_status
from marketplace.payments.models import OrderPayment
from tests.factories import PartnerFactory
from tests.factories.checkout import guest_checkout_until_preview, place_order, producer_product, staff_user
from tests.factories.gift_baskets import curated_basket

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


@pytest.fixture
def ordered_basket(client, vietnam):
    """A curated basket of 2 × rice and 1 × tea, ordered once."""

    def order(method="cod"):
        rice = producer_product(PartnerFactory(name="HTX Nếp Khẩu Nua"), stock=10, title="Gạo nếp Khẩu Nua Lếch")
        tea = producer_product(PartnerFactory(name="HTX Trà Bằng Phúc"), stock=10, title="Trà Shan tuyết")
        basket = curated_basket([(rice, 2), (tea, 1)], price=Decimal("300000"), partner=PartnerFactory(name="Điểm bán Ba Bể"))
        assert client.post(reverse("gift_baskets:add", args=[basket.gift_basket.pk])).status_code == 302
        guest_checkout_until_preview(client, method=method)
        assert place_order(client).status_code == 302
        order = Order.objects.get()
        assert levels(rice) == (10, 2) and levels(tea) == (10, 1)
        return order, rice, tea

    return order


def levels(product):
    record = StockRecord.objects.get(product=product)
    return record.num_in_stock, record.num_allocated or 0


def test_cancelling_a_basket_parcel_gives_the_components_back(ordered_basket):
    order, rice, tea = ordered_basket()
    parcel = order.parcels.get()
    parcel_set_status(parcel_id=parcel.pk, status="cancelled", user=staff_user("order.change_order"))
    assert levels(rice) == (10, 0) and levels(tea) == (10, 0)
    order.refresh_from_db()
    assert order.status == "cancelled" and order.get_status_display() == "Đã hủy"


def test_shipping_a_basket_parcel_consumes_the_components(ordered_basket):
    order, rice, tea = ordered_basket()
    parcel = order.parcels.get()
    staff = staff_user("order.change_order")
    parcel_set_status(parcel_id=parcel.pk, status="confirmed", user=staff)
    parcel_set_status(parcel_id=parcel.pk, status="shipped", user=staff)
    assert levels(rice) == (8, 0) and levels(tea) == (9, 0)
    order.refresh_from_db()
    assert order.status == "shipping"


def test_an_expired_transfer_releases_the_components(ordered_basket):
    order, rice, tea = ordered_basket(method="transfer")
    OrderPayment.objects.filter(order=order).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    call_command("cancel_unpaid_orders")
    assert levels(rice) == (10, 0) and levels(tea) == (10, 0)
    order.refresh_from_db()
    assert order.status == "cancelled"
    # A second run (or a late cancel) gives nothing back twice.
    call_command("cancel_unpaid_orders")
    assert levels(rice) == (10, 0)


def test_staff_cancelling_through_oscars_form_cancels_parcels_and_releases_stock(ordered_basket):
    order, rice, tea = ordered_basket()
    browser = Client()
    browser.force_login(staff_user("order.change_order", "order.view_order", "partner.dashboard_access"))
    detail = reverse("dashboard:order-detail", kwargs={"number": order.number})
    form = browser.get(detail).content.decode()
    assert 'value="cancelled"' in form and "Đã hủy" in form  # codes stored, labels shown
    response = browser.post(detail, {"order_action": "change_order_status", "new_status": "cancelled"})
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == "cancelled"
    assert set(order.parcels.values_list("status", flat=True)) == {"cancelled"}
    assert levels(rice) == (10, 0) and levels(tea) == (10, 0)
