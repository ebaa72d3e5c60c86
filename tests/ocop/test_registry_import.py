"""Officers import the registry from a spreadsheet; every wrong line is reported by number."""
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ocop.models import RegistryEntry
from tests.factories.catalogue import certification_officer

pytestmark = pytest.mark.django_db

HEADER = "ma,ten_san_pham,chu_the,loai_hinh,xa,huyen,nhom,so_sao,diem,so_quyet_dinh,ngay_quyet_dinh,tieu_chuan,nguon\n"


def upload(text, name="ocop.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_import_csv_creates_entries_and_decisions(client):
    officer = certification_officer()
    client.force_login(officer)
    body = HEADER + (
        ",Bánh trời,Cơ sở Hoàng Thị Điển,,Bằng Lũng,Chợ Đồn,Thực phẩm,3,,2616/QĐ-UBND,29/12/2021,vietgap,QĐ 2616\n"
        ",Trà nụ vối,Công ty TNHH Hà Diệp,,,,duoc-lieu,4,,,,,báo\n"
    )
    response = client.post("/dashboard/ocop/registry/import/", {"file": upload(body)})
    assert response.status_code == 302
    banh = RegistryEntry.objects.get(name="Bánh trời")
    assert banh.old_place_label() == "thị trấn Bằng Lũng, huyện Chợ Đồn"
    certificate = banh.certificates.get()
    assert certificate.decision_number == "2616/QĐ-UBND" and str(certificate.valid_until) == "2024-12-29"
    assert RegistryEntry.objects.get(name="Trà nụ vối").producer_kind == "company"


def test_wrong_lines_are_reported_and_nothing_is_saved(client):
    client.force_login(certification_officer())
    body = HEADER + (
        ",Bánh trời,HTX A,,Bằng Lũng,Chợ Đồn,thuc-pham,3,,1/QĐ-UBND,29/12/2021,,\n"
        ",Trà hai sao,HTX B,,,,thuc-pham,2,,2/QĐ-UBND,01/01/2022,,\n"
        ",Rượu,HTX C,,Xã Không Có,,do-uong,3,,,,,\n"
    )
    response = client.post("/dashboard/ocop/registry/import/", {"file": upload(body)})
    html = response.content.decode()
    assert response.status_code == 400
    assert "<td>3</td>" in html and "3 sao trở lên" in html  # a 2★ decision is refused
    assert "<td>4</td>" in html and "Xã Không Có" in html
    assert RegistryEntry.objects.count() == 0


def test_xlsx_import():
    from openpyxl import Workbook

    from ocop import services

    book = Workbook()
    sheet = book.active
    sheet.append(["ten_san_pham", "chu_the", "nhom", "so_sao"])
    sheet.append(["Miến dong", "HTX Tài Hoan", "Thực phẩm", 5])
    buffer = io.BytesIO()
    book.save(buffer)
    result = services.registry_import(uploaded=SimpleUploadedFile("a.xlsx", buffer.getvalue()), by=None)
    assert result.errors == [] and result.created == 1
    assert RegistryEntry.objects.get().listed_stars == 5


def test_anonymous_and_shoppers_cannot_import(client):
    assert client.post("/dashboard/ocop/registry/import/", {"file": upload(HEADER)}).status_code == 302


def test_officer_adds_an_entry_links_the_product_sold_here_and_records_a_decision(client):
    from tests.factories.catalogue import certified_product

    product = certified_product(title="Miến dong Tài Hoan")
    client.force_login(certification_officer())
    response = client.post(
        "/dashboard/ocop/registry/new/",
        {"name": "Miến dong Tài Hoan", "producer_name": "HTX Tài Hoan", "producer_kind": "cooperative",
         "commune_code": "", "group": "thuc-pham", "product_id": product.pk, "source": "QĐ 2890"},
    )
    assert response.status_code == 302
    entry = RegistryEntry.objects.get()
    assert entry.product == product
    assert entry.certificates.get().product == product  # the product's certificate is the entry's, not a copy
    response = client.post(
        f"/dashboard/ocop/registry/{entry.code}/",
        {"action": "certificate", "stars": "2", "decision_number": "1/QĐ-UBND", "decision_date": "01/02/2025"},
    )
    assert response.status_code == 400  # 2★ is not certified
    client.post(
        f"/dashboard/ocop/registry/{entry.code}/",
        {"action": "certificate", "stars": "5", "decision_number": "9/QĐ-BNN", "decision_date": "01/02/2025"},
    )
    added = entry.certificates.get(decision_number="9/QĐ-BNN")
    assert added.product == product and str(added.valid_until) == "2028-02-01"
