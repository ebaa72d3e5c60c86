"""Tourism products: no shipping fee, a dated voucher code, used once."""
import threading
from decimal import Decimal

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import PartnerFactory
from tests.factories.checkout import guest_order, producer_product, producer_user, tourism_product

ServiceVoucher = get_model("order", "ServiceVoucher")


@pytest.fixture
def homestay_order(client, vietnam):
    homestay = PartnerFactory(name="Homestay Pác Ngòi")
    night = tourism_product(homestay, title="Một đêm nhà sàn Pác Ngòi")
    honey = producer_product(PartnerFactory(name="HTX Mật ong"), title="Mật ong bạc hà")
    order = guest_order(client, [night, honey])
    return order, homestay


@pytest.mark.django_db
def test_service_line_gets_a_voucher_and_no_shipping_fee(client, homestay_order):
    order, homestay = homestay_order
    parcel = order.parcels.get(partner=homestay)
    assert parcel.requires_shipping is False and parcel.shipping_charge == 0
    assert order.shipping_incl_tax == Decimal("30000")  # only the honey parcel ships
    voucher = ServiceVoucher.objects.get()
    assert voucher.line.partner == homestay and len(voucher.code) == 10
    page = client.get(reverse("checkout:thank-you")).content.decode()
    assert voucher.code in page and voucher.valid_from.strftime("%d/%m/%Y") in page


@pytest.mark.django_db
def test_producer_marks_the_voucher_used_once(homestay_order):
    order, homestay = homestay_order
    voucher = ServiceVoucher.objects.get()
    desk = Client()
    desk.force_login(producer_user(homestay))
    url = reverse("dashboard:order-voucher-redeem")
    first = desk.post(url, {"code": voucher.code.lower()}, follow=True).content.decode()
    assert f"Đã xác nhận phiếu {voucher.code}" in first
    again = desk.post(url, {"code": voucher.code}).content.decode()
    assert "Phiếu đã được sử dụng lúc" in again
    voucher.refresh_from_db()
    assert voucher.is_used


@pytest.mark.django_db
def test_another_producer_cannot_redeem_or_probe_the_code(homestay_order):
    order, _homestay = homestay_order
    voucher = ServiceVoucher.objects.get()
    stranger = Client()
    stranger.force_login(producer_user(PartnerFactory(name="Homestay khác")))
    page = stranger.post(reverse("dashboard:order-voucher-redeem"), {"code": voucher.code}).content.decode()
    assert "Không tìm thấy phiếu có mã này." in page
    voucher.refresh_from_db()
    assert not voucher.is_used


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks race only on PostgreSQL (DATABASE_URL)")
def test_twenty_desks_redeem_the_same_code_once(client, vietnam):
    homestay = PartnerFactory(name="Homestay Bó Lù")
    guest_order(client, [tourism_product(homestay, title="Tour thuyền hồ Ba Bể")])
    voucher = ServiceVoucher.objects.get()
    desks = []
    for _ in range(20):
        desk = Client()
        desk.force_login(producer_user(homestay))
        desks.append(desk)
    barrier = threading.Barrier(20)
    results = []

    def redeem(desk):
        try:
            barrier.wait(timeout=60)
            response = desk.post(reverse("dashboard:order-voucher-redeem"), {"code": voucher.code})
            results.append(response.status_code)
        except Exception as error:
            results.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=redeem, args=(desk,)) for desk in desks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(results) == [200] * 19 + [302]  # one redirect after success, 19 forms with the message
    voucher.refresh_from_db()
    assert voucher.is_used
