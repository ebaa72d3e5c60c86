"""Never oversell: allocation is re-checked under the row lock, the database refuses more,
and the shopper gets a clear "hết hàng" message instead of Oscar's generic error."""
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import OcopCertificateFactory, PartnerFactory, UserFactory
from tests.factories.checkout import add_to_basket, guest_checkout_until_preview, place_order, producer_product

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def test_stock_taken_by_someone_else_sends_the_shopper_back_with_a_message(client, vietnam):
    product = producer_product(PartnerFactory(), stock=3, title="Gạo nếp vải")
    add_to_basket(client, product, 3)
    guest_checkout_until_preview(client)
    # Another buyer takes two units between this shopper's basket and the order button.
    StockRecord.objects.filter(product=product).update(num_allocated=2)

    response = place_order(client, follow=True)
    assert response.redirect_chain[-1][0].endswith(reverse("basket:summary"))
    assert "Gạo nếp vải" in response.content.decode()
    assert Order.objects.count() == 0
    assert StockRecord.objects.get(product=product).num_allocated == 2


def test_allocation_is_rechecked_under_the_lock(client, vietnam):
    """The race the basket check cannot see: stock goes between validation and allocation."""
    from oscar.apps.order.exceptions import UnableToPlaceOrder
    from oscar.core.loading import get_class

    OrderCreator = get_class("order.utils", "OrderCreator")
    product = producer_product(stock=3, title="Gạo nếp vải")
    add_to_basket(client, product, 3)
    basket = get_model("basket", "Basket").objects.get()
    from marketplace.partner.strategy import OcopStrategy

    basket.strategy = OcopStrategy()
    StockRecord.objects.filter(product=product).update(num_allocated=1)
    Free = get_class("shipping.methods", "Free")
    method = Free()
    charge = method.calculate(basket)
    from oscar.core.prices import Price

    total = Price(currency="VND", excl_tax=basket.total_incl_tax, tax=Decimal("0"))
    with pytest.raises(UnableToPlaceOrder, match="Hết hàng: “Gạo nếp vải”"):
        OrderCreator().place_order(
            basket=basket, total=total, shipping_method=method, shipping_charge=charge, user=None, order_number="T1"
        )
    assert Order.objects.count() == 0
    assert get_model("order", "Parcel").objects.count() == 0
    assert StockRecord.objects.get(product=product).num_allocated == 1


def test_database_refuses_allocation_beyond_stock(db):
    product = producer_product(stock=2)
    record = StockRecord.objects.get(product=product)
    with pytest.raises(IntegrityError), transaction.atomic():
        StockRecord.objects.filter(pk=record.pk).update(num_allocated=3)


def test_stock_form_refuses_stock_below_allocated_with_a_message(db):
    from oscar.core.loading import get_class

    StockRecordForm = get_class("dashboard.catalogue.forms", "StockRecordForm")
    product = producer_product(stock=5)
    record = StockRecord.objects.get(product=product)
    record.allocate(4)
    data = {
        "partner": record.partner_id, "partner_sku": record.partner_sku, "price_currency": "VND",
        "price": "120000", "num_in_stock": "3", "low_stock_threshold": "",
    }
    form = StockRecordForm(product.product_class, UserFactory(is_staff=True), data=data, instance=record)
    assert not form.is_valid()
    assert "không được nhỏ hơn 4 đã giữ" in str(form.errors["num_in_stock"])
    form = StockRecordForm(product.product_class, UserFactory(is_staff=True), data={**data, "num_in_stock": "4"}, instance=record)
    assert form.is_valid(), form.errors
    form.save()


def test_product_that_lost_its_certificate_is_refused_at_checkout(client, vietnam):
    product = producer_product(stock=5, title="Mật ong bạc hà")
    add_to_basket(client, product, 1)
    guest_checkout_until_preview(client)
    product.ocop_certificates.update(status="revoked")

    response = place_order(client)
    assert response.status_code == 302 and response["Location"].endswith(reverse("basket:summary"))
    assert Order.objects.count() == 0
    page = client.get(response["Location"]).content.decode()
    assert "Tạm ngừng bán" in page or "tạm ngừng bán" in page


@pytest.mark.parametrize("quantity", [-1, 0, 10**9])
def test_negative_zero_or_huge_quantity_is_refused(client, vietnam, quantity):
    product = producer_product(stock=5)
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity})
    response = client.get(reverse("checkout:index"))
    assert response.status_code == 302 and response["Location"].endswith(reverse("basket:summary"))
    assert Order.objects.count() == 0


def test_tampered_price_field_is_ignored(client, vietnam):
    product = producer_product(price=Decimal("80000"), stock=5)
    add_to_basket(client, product, 1)
    guest_checkout_until_preview(client)
    response = client.post(
        reverse("checkout:preview"), {"action": "place_order", "price": "1", "total": "1", "quantity": "99"}
    )
    assert response.status_code == 302
    order = Order.objects.get()
    assert order.total_incl_tax == Decimal("110000")  # 80.000 + default 30.000 parcel fee
    assert order.lines.get().quantity == 1


def test_another_shoppers_order_number_is_a_404(client, vietnam):
    product = producer_product(stock=5)
    add_to_basket(client, product, 1)
    guest_checkout_until_preview(client)
    place_order(client)
    order = Order.objects.get()
    from django.test import Client

    stranger = Client()
    assert stranger.get(reverse("checkout:card-payment", kwargs={"order_number": order.number})).status_code == 404
    # A wrong verification hash asks for the order's e-mail instead of showing anything.
    page = stranger.get(
        reverse("customer:anon-order", kwargs={"order_number": order.number, "hash": "x" * 20}), follow=True
    ).content.decode()
    assert order.lines.get().title not in page
    from tests.factories import UserFactory

    stranger.force_login(UserFactory())
    assert stranger.get(reverse("customer:order", kwargs={"order_number": order.number})).status_code == 404
