"""Certification officers register, renew and revoke certificates in the dashboard."""
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from tests.factories import UserFactory
from tests.factories.catalogue import certification_officer, certified_product

pytestmark = pytest.mark.django_db

LIST = reverse("ocop:dashboard-certificates")
REGISTER = reverse("ocop:dashboard-certificate-register")
from tests.factories.shops import pdf_bytes  # noqa: E402

PDF = pdf_bytes()


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def officer_client(client):
    officer = certification_officer(username="canbo")
    assert not officer.is_superuser and not officer.is_staff
    client.force_login(officer)
    client.officer = officer
    return client


def form_data(product, **overrides):
    data = {
        "product": product.pk,
        "stars": 4,
        "score": "75.50",
        "decision_number": "1234/QĐ-UBND",
        "decision_date": "15/03/2026",
        "issuing_authority": "",
        "valid_until": "",
    }
    data.update(overrides)
    return data


def test_anonymous_is_sent_to_login_and_customers_are_refused(client):
    response = client.get(LIST)
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(UserFactory())
    assert client.get(LIST).status_code == 403
    assert client.get(REGISTER).status_code == 403


def test_officer_registers_a_certificate_with_default_validity(officer_client):
    product = certified_product(title="Trà Shan tuyết")
    scan = SimpleUploadedFile("quyet-dinh.pdf", PDF, content_type="application/pdf")
    response = officer_client.post(REGISTER, {**form_data(product), "scan": scan})
    assert response.status_code == 302
    certificate = product.ocop_certificates.get(decision_number="1234/QĐ-UBND")
    assert certificate.valid_until == datetime.date(2029, 3, 15)
    assert certificate.issuing_authority == "province"
    assert certificate.registered_by == officer_client.officer
    assert certificate.scan.name.endswith(".pdf")
    html = officer_client.get(LIST).content.decode()
    assert "1234/QĐ-UBND" in html and "15/03/2029" in html


def test_score_must_agree_with_the_stars(officer_client):
    product = certified_product()
    response = officer_client.post(REGISTER, form_data(product, stars=5, score="72"))
    assert response.status_code == 400
    assert "Điểm 72" in response.content.decode() and "ứng với 4 sao" in response.content.decode()
    assert not product.ocop_certificates.filter(decision_number="1234/QĐ-UBND").exists()


def test_five_stars_are_recognised_by_the_ministry(officer_client):
    product = certified_product()
    response = officer_client.post(REGISTER, form_data(product, stars=5, score="91", issuing_authority="province"))
    assert response.status_code == 400
    assert "5 sao do Bộ công nhận" in response.content.decode()


def test_scan_type_is_checked_from_the_content(officer_client):
    product = certified_product()
    fake = SimpleUploadedFile("quyet-dinh.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    response = officer_client.post(REGISTER, {**form_data(product), "scan": fake})
    assert response.status_code == 400
    assert "Bản quét phải là tệp PDF hoặc ảnh" in response.content.decode()

    image = SimpleUploadedFile("scan.pdf", png_bytes(), content_type="application/pdf")  # a PNG named .pdf
    response = officer_client.post(REGISTER, {**form_data(product, decision_number="77/QĐ-UBND"), "scan": image})
    assert response.status_code == 302
    # Stored as the picture it is (re-encoded by shops.images: an opaque PNG becomes a JPEG), never ".pdf".
    assert product.ocop_certificates.get(decision_number="77/QĐ-UBND").scan.name.endswith((".png", ".jpg"))


def test_scan_size_is_limited(officer_client, settings):
    product = certified_product()
    big = SimpleUploadedFile("big.pdf", PDF[:-7] + b" " * (5 * 1024 * 1024) + b"\n%%EOF\n")
    response = officer_client.post(REGISTER, {**form_data(product), "scan": big})
    assert response.status_code == 400
    assert "Tệp quá lớn" in response.content.decode()


def test_dates_are_entered_dd_mm_yyyy(officer_client):
    product = certified_product()
    response = officer_client.post(REGISTER, form_data(product, decision_date="2026-31-12x"))
    assert response.status_code == 400
    assert "Nhập ngày theo dạng dd/mm/yyyy" in response.content.decode()


def test_renewal_links_to_the_previous_decision(officer_client):
    product = certified_product(decision_date=timezone.localdate() - datetime.timedelta(days=1080))
    previous = product.ocop_certificates.get()
    url = reverse("ocop:dashboard-certificate-renew", kwargs={"pk": previous.pk})
    assert officer_client.get(url).status_code == 200
    today = timezone.localdate()
    response = officer_client.post(
        url, {"stars": 4, "score": "", "decision_number": "88/QĐ-UBND", "decision_date": today.strftime("%d/%m/%Y")}
    )
    assert response.status_code == 302
    renewal = product.ocop_certificates.get(decision_number="88/QĐ-UBND")
    assert renewal.renewal_of == previous
    assert product.current_certificate() == renewal


def test_revoking_needs_a_reason_and_records_who_and_when(officer_client):
    product = certified_product(title="Măng khô")
    certificate = product.ocop_certificates.get()
    url = reverse("ocop:dashboard-certificate-revoke", kwargs={"pk": certificate.pk})
    response = officer_client.post(url, {"reason": "   "})
    assert response.status_code == 400
    assert "Hãy nhập lý do thu hồi" in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.status == "valid"

    before = timezone.now()
    response = officer_client.post(url, {"reason": "Sản xuất khác quy trình đã đăng ký"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == "revoked"
    assert certificate.revoked_by == officer_client.officer
    assert certificate.revoked_at >= before
    assert certificate.revocation_reason == "Sản xuất khác quy trình đã đăng ký"
    assert not product.is_on_sale()
    html = officer_client.get(LIST + "?status=revoked").content.decode()
    assert "Sản xuất khác quy trình đã đăng ký" in html

    again = officer_client.post(url, {"reason": "lần nữa"})
    assert again.status_code == 400
    assert "đã bị thu hồi trước đó" in again.content.decode()


def test_dashboard_lists_certificates_expiring_within_30_days(officer_client):
    soon = certified_product(
        title="Sắp hết hạn",
        decision_date=timezone.localdate() - datetime.timedelta(days=900),
        valid_until=timezone.localdate() + datetime.timedelta(days=10),
    )
    certified_product(title="Còn lâu", valid_until=timezone.localdate() + datetime.timedelta(days=200))
    html = officer_client.get(LIST).content.decode()
    expiring = html[html.index('id="expiring"') : html.index("</section>", html.index('id="expiring"'))]
    assert soon.title in expiring and "Còn lâu" not in expiring


def test_menu_entry_is_shown_to_officers_only(officer_client):
    from oscar.apps.dashboard.menu import get_nodes

    labels = [node.label for node in get_nodes(officer_client.officer)]
    assert "Chứng nhận OCOP" in labels
    assert "Chứng nhận OCOP" not in [node.label for node in get_nodes(UserFactory(username="khach"))]
