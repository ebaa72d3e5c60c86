"""Issue 17 §4 (ASVS V5.3, V5.1.4): one spreadsheet-safe CSV writer for every export, and imports
that answer a bad line with a per-line error, never a 500.

Checked: cells starting with =, +, -, @, TAB or CR are escaped in the settlement report (a producer
name), the evaluation board (a product title starting with TAB) and Oscar's order download (a
shopper's name); the sales-point stock import reports a field over the csv module's limit and a NUL
byte as errors of their lines and keeps the good lines."""
import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.factories import PartnerFactory, product_on_sale
from tests.factories.checkout import guest_order, producer_product, staff_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1+cmd", "@SUM(A1)", "\t=1", "\r=1"])
def test_formula_starts_are_escaped(text):
    from marketplace.csv_safe import spreadsheet_safe

    assert spreadsheet_safe(text) == "'" + text


@pytest.mark.parametrize("value", ["Mật ong", "", 120000, -5, None])
def test_ordinary_values_are_unchanged(value):
    from marketplace.csv_safe import spreadsheet_safe

    assert spreadsheet_safe(value) == value


def rows_of(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_settlement_report_escapes_a_producer_name(client, vietnam):
    evil = PartnerFactory(name='=HYPERLINK("http://x","Bấm")')
    guest_order(client, [producer_product(evil)])
    staff = Client()
    staff.force_login(staff_user("order.view_order", "order.change_order"))
    response = staff.get(reverse("dashboard:order-settlement"), {"format": "csv"})
    cells = [row[0] for row in rows_of(response)[1:]]
    assert "'=HYPERLINK(\"http://x\",\"Bấm\")" in cells


def test_oscar_order_download_escapes_a_shoppers_name(client, vietnam):
    order = guest_order(client, [producer_product(PartnerFactory())])
    order.shipping_address.first_name = "@SUM(1+1)"
    order.shipping_address.last_name = ""
    order.shipping_address.save()
    staff = Client()
    staff.force_login(staff_user("order.view_order", "order.change_order"))
    response = staff.get(reverse("dashboard:order-list"), {"response_format": "csv"})
    assert response.status_code == 200
    body = response.content.decode("utf-8-sig")
    assert "'@SUM(1+1)" in body and ",@SUM" not in body


def test_evaluation_board_escapes_tab_and_cr(client):
    from ocop.evaluation.models import Dossier
    from tests.factories.evaluation import CycleFactory, complete_dossier, producer_with_user, user_with_perms

    user, producer = producer_with_user()
    dossier = complete_dossier(producer=producer, cycle=CycleFactory(), by=user, status=Dossier.Status.IN_REVIEW)
    dossier.product.title = "\t=cmd|' /C calc'!A0"
    dossier.product.save()
    client.force_login(user_with_perms("decide_council", username="chu-tich"))
    body = client.get(reverse("evaluation:export")).content.decode("utf-8-sig")
    assert "'\t=cmd" in body


def test_stock_import_reports_oversized_fields_and_nul_bytes_per_line(client):
    from tests.factories.sales_points import ApprovedSalesPointFactory

    point = ApprovedSalesPointFactory()
    good = product_on_sale()
    text = (
        "upc,price,quantity,in_stock\n"
        f"{good.upc}\x00,100000,1,1\n"
        f"X,{'9' * (csv.field_size_limit() + 10)},1,1\n"
        f"{good.upc},120000,10,1\n"
    )
    client.force_login(point.applicant)
    upload = SimpleUploadedFile("hang.csv", text.encode("utf-8"), content_type="text/csv")
    response = client.post(reverse("sales_points:stock-import", args=[point.slug]), {"file": upload})
    assert response.status_code in (200, 400)
    html = response.content.decode()
    assert "Dòng 2:" in html and "NUL" in html
    assert "Dòng 3:" in html and "quá dài" in html
    assert "Đã lưu 1 dòng." in html
    assert point.listings.get().product_id == good.pk
