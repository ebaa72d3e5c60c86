"""The public registry: every certified product, sold here or not, searchable without accents."""
import csv
import datetime
import io

import pytest
from django.utils import timezone

from tests.factories.catalogue import certified_product, certification_officer
from tests.factories.registry import RegistryEntryFactory, registry_entry

pytestmark = pytest.mark.django_db


def test_lists_products_not_sold_here_and_links_the_ones_on_sale(client):
    registry_entry(name="Miến dong Tài Hoan", stars=5, number="2890/QĐ-BNN-VPĐP")
    product = certified_product(title="Gạo nếp Khẩu Nua Lếch")
    from ocop import services

    entry = RegistryEntryFactory(name="Gạo nếp Khẩu Nua Lếch")
    services.registry_link_product(entry=entry, product=product)
    html = client.get("/ocop/tra-cuu/").content.decode()
    assert "Miến dong Tài Hoan" in html and "2890/QĐ-BNN-VPĐP" in html
    assert "Gạo nepp" not in html
    assert product.get_absolute_url() in html  # on sale: links to the shop page
    # the same record: the product's certificate is the entry's certificate
    assert entry.certificates.get().product == product


def test_search_without_accents_and_filters(client):
    registry_entry(name="Trà hoa vàng Bắc Kạn", stars=4)
    registry_entry(name="Miến dong Tài Hoan", stars=5)
    html = client.get("/ocop/tra-cuu/", {"q": "tra hoa vang"}).content.decode()
    assert "Trà hoa vàng Bắc Kạn" in html and "Miến dong" not in html
    html = client.get("/ocop/tra-cuu/", {"stars": "5"}).content.decode()
    assert "Miến dong Tài Hoan" in html and "Trà hoa vàng" not in html


def test_status_expired_and_revoked_with_reason(client):
    old = registry_entry(name="Gạo cũ", decision_date=datetime.date(2019, 1, 10))
    revoked = registry_entry(name="Trà thu hồi")
    from ocop import services

    services.certificate_revoke(certificate=revoked.certificates.get(), reason="Vi phạm an toàn thực phẩm", by=certification_officer())
    html = client.get("/ocop/tra-cuu/", {"status": "expired"}).content.decode()
    assert "Gạo cũ" in html and "Trà thu hồi" not in html
    page = client.get(revoked.get_absolute_url()).content.decode()
    assert "Đã thu hồi" in page and "Vi phạm an toàn thực phẩm" in page
    assert "<svg" in page  # the QR to the entry
    page = client.get(old.get_absolute_url()).content.decode()
    assert "Hết hạn" in page and "10/01/2022" in page  # valid 36 months from the decision


def test_csv_download_of_the_filtered_result(client):
    registry_entry(name="Trà hoa vàng Bắc Kạn", stars=4)
    registry_entry(name="Miến dong Tài Hoan", stars=5)
    response = client.get("/ocop/tra-cuu.csv", {"q": "mien"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][1] == "ten_san_pham"
    assert [row[1] for row in rows[1:]] == ["Miến dong Tài Hoan"]


def test_commune_keeps_its_kind():
    entry = RegistryEntryFactory(commune_code=2020, district="")  # Thị trấn Bằng Lũng
    from ocop import services

    entry = services.registry_entry_save(by=None, entry=entry, name=entry.name)
    assert entry.old_place_label() == "thị trấn Bằng Lũng, huyện Chợ Đồn"


def test_seed_from_the_data_file_with_sources():
    from ocop.models import RegistryEntry
    from ocop.registry_seed import registry_seed

    registry_seed(log=lambda *_: None)
    registry_seed(log=lambda *_: None)  # idempotent
    assert RegistryEntry.objects.count() == 49
    mien = RegistryEntry.objects.get(name="Miến dong Tài Hoan")
    assert mien.certificates.get().decision_number == "2890/QĐ-BNN-VPĐP"
    assert "25/06/2024" in mien.source
    banh = RegistryEntry.objects.get(name="Bánh trời")
    assert banh.old_place_label() == "thị trấn Bằng Lũng, huyện Chợ Đồn"
    assert RegistryEntry.objects.get(name="Trà nụ vối").listed_stars == 4
