"""A guest buys from two producers with COD: one order, two parcels, fees shown before payment."""
from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import PartnerFactory
from tests.factories.checkout import (
    ProducerShippingRateFactory,
    add_to_basket,
    guest_checkout_until_preview,
    place_order,
    producer_product,
)

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_producers(vietnam):
    tea_maker = PartnerFactory(name="HTX Chè Bằng Phúc")
    noodle_maker = PartnerFactory(name="HTX Miến dong Côn Minh")
    # The tea maker charges 25.000 đ per parcel, free from 200.000 đ; the noodle maker 35.000 đ always.
    ProducerShippingRateFactory(partner=tea_maker, flat_fee=Decimal("25000"), free_threshold=Decimal("200000"))
    ProducerShippingRateFactory(partner=noodle_maker, flat_fee=Decimal("35000"))
    tea = producer_product(tea_maker, price=Decimal("150000"), stock=5, title="Chè Shan tuyết")
    noodles = producer_product(noodle_maker, price=Decimal("60000"), stock=5, title="Miến dong Côn Minh")
    return tea, noodles


def test_fees_per_parcel_are_shown_before_payment(client, two_producers):
    tea, noodles = two_producers
    add_to_basket(client, tea, 2)  # 300.000 đ: above the tea maker's free threshold
    add_to_basket(client, noodles, 1)
    client.post(reverse("checkout:index"), {"username": "khach@example.vn", "options": "anonymous"})
    from tests.factories.checkout import ADDRESS

    client.post(reverse("checkout:shipping-address"), ADDRESS)
    client.get(reverse("checkout:shipping-method"))
    page = client.get(reverse("checkout:payment-method")).content.decode()
    assert "Kiện của HTX Chè Bằng Phúc" in page
    assert "Kiện của HTX Miến dong Côn Minh" in page
    assert "Miễn phí" in page
    assert "35.000\xa0₫" in page
    # 300.000 + 60.000 + 35.000 shipping
    assert "395.000\xa0₫" in page
    assert "Thẻ quốc tế" not in page  # Stripe keys unset: no card option


def test_guest_cod_order_has_one_parcel_per_producer(client, two_producers, mailoutbox, django_capture_on_commit_callbacks):
    tea, noodles = two_producers
    add_to_basket(client, tea, 1)
    add_to_basket(client, noodles, 2)
    preview = guest_checkout_until_preview(client)
    assert preview.status_code == 200
    assert "Thanh toán khi nhận hàng" in preview.content.decode()

    with django_capture_on_commit_callbacks(execute=True):  # the e-mail leaves after the commit
        response = place_order(client)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"].endswith(reverse("checkout:thank-you"))

    order = Order.objects.get()
    assert order.guest_email == "khach@example.vn"
    assert order.total_incl_tax == Decimal("150000") + Decimal("120000") + Decimal("25000") + Decimal("35000")
    assert order.shipping_incl_tax == Decimal("60000")
    parcels = {p.partner.name: p for p in order.parcels.all()}
    assert set(parcels) == {"HTX Chè Bằng Phúc", "HTX Miến dong Côn Minh"}
    assert parcels["HTX Chè Bằng Phúc"].shipping_charge == Decimal("25000")
    assert parcels["HTX Miến dong Côn Minh"].subtotal == Decimal("120000")
    assert order.payment.method == "cod" and order.payment.status == "pending"
    assert order.payment.amount == 330000
    assert order.shipping_address.state == "Thái Nguyên"
    assert order.shipping_address.line4 == "Phường Đức Xuân"
    assert StockRecord.objects.get(product=noodles).num_allocated == 2

    page = client.get(response["Location"]).content.decode()
    assert "2 kiện hàng" in page
    assert page.count("Chờ xác nhận") >= 2
    assert len(mailoutbox) == 1 and order.number in mailoutbox[0].body


def test_bad_ward_re_renders_with_message(client, two_producers):
    tea, _noodles = two_producers
    add_to_basket(client, tea, 1)
    client.post(reverse("checkout:index"), {"username": "khach@example.vn", "options": "anonymous"})
    from tests.factories.checkout import ADDRESS

    response = client.post(reverse("checkout:shipping-address"), {**ADDRESS, "ward": "Phường Không Tồn Tại"})
    assert response.status_code == 200
    assert "Không có xã/phường “Phường Không Tồn Tại” thuộc Thái Nguyên" in response.content.decode()
    response = client.post(reverse("checkout:shipping-address"), {**ADDRESS, "phone_number": "12345"})
    assert response.status_code == 200
    assert Order.objects.count() == 0


def test_ward_suggestions_come_from_the_package(client, db):
    data = client.get(reverse("checkout:wards"), {"province": "19"}).json()
    assert data["province"] == "Thái Nguyên"
    assert "Phường Đức Xuân" in data["wards"] and "Xã Ba Bể" in data["wards"]
    assert client.get(reverse("checkout:wards"), {"province": "999"}).status_code == 400


def test_shopper_gets_emails_on_shipping_delivery_and_payment(client, two_producers, mailoutbox, django_capture_on_commit_callbacks):
    from marketplace.order.services import parcel_set_status
    from tests.factories.checkout import staff_user

    tea, _noodles = two_producers
    add_to_basket(client, tea, 1)
    guest_checkout_until_preview(client)
    with django_capture_on_commit_callbacks(execute=True):
        place_order(client)
    order = Order.objects.get()
    parcel = order.parcels.get()
    admin = staff_user("order.change_order")
    with django_capture_on_commit_callbacks(execute=True):
        for status in ("confirmed", "shipped", "delivered"):
            parcel_set_status(parcel_id=parcel.pk, status=status, user=admin, tracking_code="VN123")
    subjects = [mail.subject for mail in mailoutbox[1:]]
    assert subjects == [
        f"Kiện hàng của HTX Chè Bằng Phúc (đơn {order.number}) đang được giao",
        f"Đơn hàng {order.number} đã được thanh toán",  # COD: paid when the last parcel is delivered
        f"Kiện hàng của HTX Chè Bằng Phúc (đơn {order.number}) đã giao",
    ]
    assert "Mã vận đơn: VN123" in mailoutbox[1].body
    assert all(mail.to == ["khach@example.vn"] for mail in mailoutbox)


def test_order_placed_in_english_gets_english_emails(client, two_producers, mailoutbox, django_capture_on_commit_callbacks):
    from marketplace.order.services import parcel_set_status
    from tests.factories.checkout import staff_user

    tea, _noodles = two_producers
    add_to_basket(client, tea, 1)
    client.cookies["django_language"] = "en"
    client.post("/en/checkout/", {"username": "guest@example.com", "options": "anonymous"})
    from tests.factories.checkout import ADDRESS

    client.post("/en/checkout/shipping-address/", ADDRESS)
    client.get("/en/checkout/shipping-method/")
    client.post("/en/checkout/payment-method/", {"method": "cod"})
    client.post("/en/checkout/preview/", {"action": "place_order"})
    order = Order.objects.get()
    assert order.payment.language == "en"
    with django_capture_on_commit_callbacks(execute=True):
        parcel_set_status(parcel_id=order.parcels.get().pk, status="confirmed", user=staff_user("order.change_order"))
        parcel_set_status(parcel_id=order.parcels.get().pk, status="shipped", user=staff_user("order.change_order"))
    assert mailoutbox[-1].subject == f"The parcel from HTX Chè Bằng Phúc (order {order.number}) is on its way"
