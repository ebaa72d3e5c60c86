"""Settlement per producer and period, with CSV; a producer sees only its own row."""
import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from marketplace.order.services import parcel_set_status
from tests.factories import PartnerFactory
from tests.factories.checkout import guest_order, producer_product, producer_user, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def sales(client, vietnam):
    rice = PartnerFactory(name="HTX Gạo Bao Thai")
    honey = PartnerFactory(name="HTX Mật ong Ba Bể")
    rice_product = producer_product(rice, title="Gạo Bao Thai")
    honey_product = producer_product(honey, title="Mật ong")
    cod_order = guest_order(client, [rice_product, honey_product])
    # Only the rice parcel has been delivered: its cash is collected, the honey parcel's is not yet.
    rice_parcel = cod_order.parcels.get(partner=rice)
    admin = staff_user("order.change_order", "order.view_order")
    for status in ("confirmed", "shipped", "delivered"):
        parcel_set_status(parcel_id=rice_parcel.pk, status=status, user=admin)
    other = Client()
    transfer_order = guest_order(other, [honey_product], method="transfer")
    from marketplace.payments.services import transfer_confirm

    transfer_confirm(payment_id=transfer_order.payment.pk, user=staff_user("payments.confirm_transfer"))
    return rice, honey, admin


def test_staff_sees_every_producer_and_downloads_csv(sales):
    _rice, _honey, admin = sales
    browser = Client()
    browser.force_login(admin)
    page = browser.get(reverse("dashboard:order-settlement")).content.decode()
    assert "HTX Gạo Bao Thai" in page and "HTX Mật ong Ba Bể" in page
    response = browser.get(reverse("dashboard:order-settlement"), {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = {row["nha_san_xuat"]: row for row in csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))}
    rice_row, honey_row = rows["HTX Gạo Bao Thai"], rows["HTX Mật ong Ba Bể"]
    assert rice_row["thu_cod"] == "150000" and rice_row["san_phai_tra"] == "150000"
    assert honey_row["so_don"] == "2" and honey_row["tien_hang"] == "240000" and honey_row["phi_giao"] == "60000"
    assert honey_row["thu_cod"] == "0" and honey_row["thu_chuyen_khoan"] == "150000"
    assert honey_row["san_phai_tra"] == "150000"


def test_producer_sees_only_its_own_row(sales):
    rice, _honey, _admin = sales
    browser = Client()
    browser.force_login(producer_user(rice))
    page = browser.get(reverse("dashboard:order-settlement")).content.decode()
    assert "HTX Gạo Bao Thai" in page and "HTX Mật ong Ba Bể" not in page


def test_bad_date_shows_a_message(sales):
    _rice, _honey, admin = sales
    browser = Client()
    browser.force_login(admin)
    page = browser.get(reverse("dashboard:order-settlement"), {"start": "31/02/2026"}).content.decode()
    assert "Ngày “31/02/2026” không hợp lệ" in page
