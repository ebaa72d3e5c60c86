"""Product page panel, traceability pages and QR codes, batches and inspections."""
import datetime

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from ocop import services
from tests.factories import UserFactory
from tests.factories.catalogue import (
    InspectionFactory,
    ProductionBatchFactory,
    RawMaterialAreaFactory,
    certification_officer,
    certified_product,
    producer,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def taihoan():
    partner = producer("HTX Tài Hoan", slug="htx-tai-hoan", commune="Côn Minh", district="Na Rì")
    area = RawMaterialAreaFactory(partner=partner, name="Vùng dong riềng Côn Minh", standards=["vietgap", "organic"])
    product = certified_product(partner=partner, stars=5, title="Miến dong Tài Hoan")
    product.raw_material_area = area
    product.save()
    certificate = product.ocop_certificates.get()
    certificate.decision_number = "2890/QĐ-BNN-VPĐP"
    certificate.decision_date = datetime.date(2024, 6, 25)
    certificate.valid_until = datetime.date(2027, 6, 25)
    certificate.save()
    return product


def test_product_page_shows_certificate_origin_and_qr(client, taihoan):
    html = client.get(taihoan.get_absolute_url()).content.decode()
    assert 'aria-label="5 sao OCOP"' in html and html.count('class="on">★') >= 5
    assert "2890/QĐ-BNN-VPĐP" in html and "25/06/2024" in html and "25/06/2027" in html
    assert "Bộ Nông nghiệp và Phát triển nông thôn" in html  # the ministry's name in 06/2024
    assert "HTX Tài Hoan" in html
    assert "xã Côn Minh, Na Rì, Bắc Kạn cũ — nay thuộc tỉnh Thái Nguyên" in html
    assert "Vùng dong riềng Côn Minh" in html and "VietGAP" in html and "Hữu cơ" in html
    assert reverse("ocop:trace", kwargs={"code": taihoan.trace_code}) in html
    assert reverse("ocop:trace-qr", kwargs={"code": taihoan.trace_code}) in html
    try:
        shop = reverse("shops:detail", kwargs={"slug": "htx-tai-hoan"})
    except NoReverseMatch:
        shop = None
    if shop:
        assert f'href="{shop}"' in html


def test_province_name_follows_the_2025_merger():
    from ocop.rules import authority_name

    assert authority_name("province", datetime.date(2021, 12, 29)) == "UBND tỉnh Bắc Kạn"
    assert authority_name("province", datetime.date(2025, 8, 1)) == "UBND tỉnh Thái Nguyên"


def test_qr_code_is_an_svg_pointing_at_the_trace_page(client, taihoan):
    response = client.get(reverse("ocop:trace-qr", kwargs={"code": taihoan.trace_code}))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    body = response.content.decode()
    assert "<svg" in body and f"/trace/{taihoan.trace_code}/" in body


def test_product_trace_page_shows_history_with_revocations_and_inspections(client, taihoan):
    officer = certification_officer()
    old = taihoan.ocop_certificates.create(
        stars=3, decision_number="99/QĐ-UBND", decision_date=datetime.date(2019, 1, 10), issuing_authority="province"
    )
    services.certificate_revoke(certificate=old, reason="Vi phạm sử dụng nhãn OCOP", by=officer)
    batch = ProductionBatchFactory(product=taihoan, lot_code="L-01")
    InspectionFactory(partner=taihoan.producer_partner(), batch=batch, notes="Hồ sơ đầy đủ")

    response = client.get(reverse("ocop:trace", kwargs={"code": taihoan.trace_code}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Miến dong Tài Hoan" in html and "HTX Tài Hoan" in html
    assert "nay thuộc tỉnh Thái Nguyên" in html and "VietGAP" in html
    assert "99/QĐ-UBND" in html and "Đã thu hồi" in html and "Vi phạm sử dụng nhãn OCOP" in html
    assert "2890/QĐ-BNN-VPĐP" in html
    assert "L-01" in html and "Hồ sơ đầy đủ" in html
    assert '<meta name="viewport"' in html


def test_batch_trace_page_shows_the_batch_dates(client, taihoan):
    batch = ProductionBatchFactory(
        product=taihoan, lot_code="L-77", production_date=datetime.date(2026, 9, 1), best_before=datetime.date(2027, 9, 1)
    )
    html = client.get(reverse("ocop:trace", kwargs={"code": batch.trace_code.lower()})).content.decode()
    assert "L-77" in html and "01/09/2026" in html and "01/09/2027" in html and "Miến dong Tài Hoan" in html


def test_unknown_code_is_a_vietnamese_404(client):
    response = client.get(reverse("ocop:trace", kwargs={"code": "KHONGCO"}))
    assert response.status_code == 404
    assert "Không tìm thấy mã truy xuất" in response.content.decode()
    assert client.get(reverse("ocop:trace-qr", kwargs={"code": "KHONGCO"})).status_code == 404


def test_producer_user_registers_a_batch_and_prints_stamps(client, taihoan):
    member = UserFactory(username="htx-user")
    taihoan.producer_partner().users.add(member)
    client.force_login(member)
    url = reverse("ocop:dashboard-batches")
    response = client.post(
        url,
        {
            "product": taihoan.pk,
            "lot_code": "L2026-11",
            "production_date": "01/11/2026",
            "best_before": "01/11/2027",
            "quantity": 300,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    batch = taihoan.batches.get(lot_code="L2026-11")
    assert batch.raw_material_area == taihoan.raw_material_area
    assert batch.created_by == member
    sheet = client.get(response["Location"] + "?count=8")
    html = sheet.content.decode()
    assert html.count("<svg") == 8
    assert batch.trace_code in html and "01/11/2027" in html


def test_batch_dates_and_other_producers_products_are_refused(client, taihoan):
    other = certified_product(title="Sản phẩm của HTX khác")
    member = UserFactory(username="htx-user2")
    taihoan.producer_partner().users.add(member)
    client.force_login(member)
    url = reverse("ocop:dashboard-batches")
    base = {"lot_code": "L1", "production_date": "01/10/2026", "best_before": "01/09/2026", "quantity": 5}
    response = client.post(url, {**base, "product": taihoan.pk})
    assert response.status_code == 400
    assert "Hạn sử dụng phải sau ngày sản xuất" in response.content.decode()
    response = client.post(url, {**base, "best_before": "01/10/2027", "product": other.pk})
    assert response.status_code == 400
    assert not other.batches.exists()
    other_batch = ProductionBatchFactory(product=other)
    stamps = reverse("ocop:dashboard-batch-stamps", kwargs={"pk": other_batch.pk})
    assert client.get(stamps).status_code == 404
    assert "Sản phẩm của HTX khác" not in client.get(url).content.decode()


def test_customers_cannot_reach_batches(client):
    client.force_login(UserFactory(username="khach"))
    assert client.get(reverse("ocop:dashboard-batches")).status_code == 403


def test_officer_records_an_inspection(client, taihoan):
    officer = certification_officer(username="canbo2")
    client.force_login(officer)
    url = reverse("ocop:dashboard-inspections")
    response = client.post(
        url,
        {
            "partner": taihoan.producer_partner().pk,
            "inspected_on": timezone.localdate().strftime("%d/%m/%Y"),
            "inspector": "Chi cục QLCL Nông lâm thủy sản",
            "result": "remedy",
            "notes": "Bổ sung sổ ghi chép vùng nguyên liệu",
        },
    )
    assert response.status_code == 302
    html = client.get(reverse("ocop:trace", kwargs={"code": taihoan.trace_code})).content.decode()
    assert "Chi cục QLCL Nông lâm thủy sản" in html and "Đạt, yêu cầu khắc phục" in html
    client.force_login(UserFactory(username="khach2"))
    assert client.get(url).status_code == 403


def test_producer_adds_a_raw_material_area_and_links_a_product(client, taihoan):
    member = UserFactory(username="htx-user3")
    partner = taihoan.producer_partner()
    partner.users.add(member)
    client.force_login(member)
    url = reverse("ocop:dashboard-areas")
    response = client.post(
        url,
        {"action": "area", "partner": partner.pk, "name": "Đồi chè Bản Cháo", "commune": "Yên Cư",
         "district": "Chợ Mới", "area_hectares": "12.5", "standards": ["organic", "vietgap"]},
    )
    assert response.status_code == 302
    area = partner.raw_material_areas.get(name="Đồi chè Bản Cháo")
    assert area.standards == ["organic", "vietgap"]
    response = client.post(url, {"action": "assign", "product": taihoan.pk, "raw_material_area": area.pk})
    assert response.status_code == 302
    html = client.get(taihoan.get_absolute_url()).content.decode()
    assert "Đồi chè Bản Cháo" in html and ("12,5 ha" in html or "12.5 ha" in html)

    stranger_area = RawMaterialAreaFactory(name="Vùng của người khác")
    response = client.post(url, {"action": "assign", "product": taihoan.pk, "raw_material_area": stranger_area.pk})
    assert response.status_code == 400
    assert "Vùng của người khác" not in client.get(url).content.decode()
