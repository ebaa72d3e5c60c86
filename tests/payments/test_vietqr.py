"""VietQR: the NAPAS/EMVCo payload, the QR on the order page, staff confirmation, expiry."""
import datetime

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from marketplace.payments import vietqr
from marketplace.payments.models import OrderPayment
from tests.factories import PartnerFactory
from tests.factories.checkout import guest_order, producer_product, producer_user, staff_user


def test_crc16_ccitt_check_value():
    assert vietqr.crc16_ccitt(b"123456789") == 0x29B1  # the catalogue check value of CRC-16/CCITT-FALSE


def test_payload_fields_follow_emvco_and_napas():
    payload = vietqr.build_payload(
        bank_bin="970436", account_number="0011001234567", amount=330000, message="OCOP 100012 Chè Đà Nẵng"
    )
    fields = vietqr.parse_payload(payload)
    assert fields["00"] == "01" and fields["01"] == "12"
    assert fields["38"] == "0010A000000727" + "0127" + "0006970436" + "01130011001234567" + "0208QRIBFTTA"
    assert fields["53"] == "704" and fields["54"] == "330000" and fields["58"] == "VN"
    assert fields["62"] == "0823OCOP 100012 Che Da Nang"
    tampered = payload.replace("330000", "330001")
    with pytest.raises(ValueError):
        vietqr.parse_payload(tampered)


@pytest.mark.parametrize("kwargs", [{"bank_bin": "97043"}, {"amount": -5}, {"account_number": "00-11"}])
def test_payload_refuses_bad_input(kwargs):
    base = {"bank_bin": "970436", "account_number": "0011001234567", "amount": 1000}
    with pytest.raises(ValueError):
        vietqr.build_payload(**{**base, **kwargs})


@pytest.fixture
def transfer_order(client, vietnam):
    maker = PartnerFactory(name="HTX Gạo Bao Thai")
    product = producer_product(maker, title="Gạo Bao Thai Chợ Đồn", stock=4)
    order = guest_order(client, [product], method="transfer")
    return order, maker, product


@pytest.mark.django_db
def test_transfer_order_page_shows_vietqr_and_bank_details(client, transfer_order):
    order, _maker, _product = transfer_order
    page = client.get(reverse("checkout:thank-you")).content.decode()
    assert "<svg" in page and "Mã VietQR" in page
    assert f"OCOP {order.number}" in page
    assert "0011000000000" in page  # the configured (demo) account number
    assert order.payment.status == "pending" and order.payment.reference == f"OCOP {order.number}"


@pytest.mark.django_db
def test_staff_confirms_transfer_and_shopper_sees_paid(transfer_order):
    order, _maker, _product = transfer_order
    clerk = Client()
    clerk.force_login(staff_user("order.view_order", "payments.confirm_transfer"))
    clerk.post(reverse("dashboard:order-transfer-confirm", kwargs={"number": order.number}))
    order.payment.refresh_from_db()
    assert order.payment.status == "paid" and order.payment.paid_at is not None
    assert order.payment_events.get().amount == order.total_incl_tax


@pytest.mark.django_db
def test_staff_without_the_permission_cannot_confirm(transfer_order):
    order, _maker, _product = transfer_order
    viewer = Client()
    viewer.force_login(staff_user("order.view_order"))
    assert viewer.post(reverse("dashboard:order-transfer-confirm", kwargs={"number": order.number})).status_code == 403
    order.payment.refresh_from_db()
    assert order.payment.status == "pending"


@pytest.mark.django_db
def test_even_the_sole_producer_cannot_confirm_its_transfer(transfer_order):
    # Issue 17 §3: the money is in the marketplace's account; only payments.confirm_transfer confirms.
    order, maker, _product = transfer_order
    browser = Client()
    browser.force_login(producer_user(maker))
    response = browser.post(reverse("dashboard:order-transfer-confirm", kwargs={"number": order.number}))
    assert response.status_code == 403
    order.payment.refresh_from_db()
    assert order.payment.status == "pending"


@pytest.mark.django_db
def test_unpaid_transfer_is_cancelled_after_the_deadline_and_stock_released(transfer_order):
    order, _maker, product = transfer_order
    record = product.stockrecords.get()
    assert record.num_allocated == 1
    call_command("cancel_unpaid_orders")
    order.payment.refresh_from_db()
    assert order.payment.status == "pending"  # not yet due

    OrderPayment.objects.filter(pk=order.payment.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    call_command("cancel_unpaid_orders")
    order.payment.refresh_from_db()
    order.refresh_from_db()
    record.refresh_from_db()
    assert order.payment.status == "cancelled"
    assert order.status == "cancelled"
    assert set(order.parcels.values_list("status", flat=True)) == {"cancelled"}
    assert record.num_allocated == 0
