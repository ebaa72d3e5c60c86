"""Every fact true or labelled: /ocop/ separates sourced figures from live counts; plan indicators
with their source; certificate rules; commune kinds; the marketplace's legal pages."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ocop import rules, services
from tests.factories.catalogue import certification_officer, certified_product, producer
from tests.factories.registry import registry_entry

pytestmark = pytest.mark.django_db


def test_official_figures_carry_document_date_and_wording(client):
    html = client.get(reverse("ocop:programme")).content.decode()
    assert "Số liệu chính thức" in html
    assert "32-CT/TU" in html and "Ban Thường vụ Tỉnh ủy Bắc Kạn" in html and "09/05/2024" in html
    assert "21-CT/TU ngày 08/04/2019" in html
    assert "218 sản phẩm 3 sao trở lên" in html and "đến hết năm 2023" in html
    assert "1 sản phẩm 5 sao trong tổng số 42 sản phẩm 5 sao cả nước" in html
    assert "79/108 xã, phường, thị trấn có sản phẩm OCOP" in html
    assert "Số đếm trực tiếp" in html


def test_plan_indicators_progress_from_the_registry(client):
    registry_entry(name="Mới 2022", decision_date=datetime.date(2022, 8, 1))
    upgraded = registry_entry(name="Nâng hạng", stars=3, decision_date=datetime.date(2020, 5, 1))
    services.registry_certificate_add(
        entry=upgraded, stars=4, decision_number="99/QĐ-UBND", decision_date=datetime.date(2022, 12, 1), by=None
    )
    html = client.get(reverse("ocop:programme")).content.decode()
    assert "75/KH-UBND" in html and "năm 2022" in html
    assert "Có thêm ít nhất 20 sản phẩm được công nhận từ 3 sao trở lên" in html
    assert "1/20" in html  # only "Mới 2022" was first certified in 2022
    assert "1/10" in html  # one upgrade recorded in 2022
    assert "không tính được từ cơ sở dữ liệu" in html  # value chains


def test_unsourced_targets_are_labelled_examples(client):
    officer = certification_officer()
    services.target_set(year=2026, kind="new_certified", target=20, by=officer)
    services.target_set(year=2022, kind="traceable", target=10, by=officer, source="Kế hoạch 75/KH-UBND năm 2022")
    html = client.get(reverse("ocop:programme")).content.decode()
    assert html.count("ví dụ — không có văn bản nguồn") == 1
    assert "Nguồn: Kế hoạch 75/KH-UBND năm 2022" in html


def test_valid_until_is_computed_and_never_later_than_36_months():
    product = certified_product()
    decided = datetime.date(2024, 2, 29)
    certificate = services.certificate_register(
        product=product, stars=4, decision_number="5/QĐ-UBND", decision_date=decided, by=None
    )
    assert certificate.valid_until == datetime.date(2027, 2, 28)
    with pytest.raises(ValidationError) as error:
        services.certificate_register(
            product=product, stars=4, decision_number="6/QĐ-UBND", decision_date=decided,
            valid_until=datetime.date(2027, 6, 1), by=None,
        )
    assert "valid_until" in error.value.message_dict
    assert rules.valid_until_for(decided, datetime.date(2030, 1, 1)) == datetime.date(2027, 2, 28)


@pytest.mark.parametrize("stars", [1, 2])
def test_one_and_two_star_certificates_are_refused(stars):
    with pytest.raises(ValidationError) as error:
        services.certificate_register(
            product=certified_product(), stars=stars, decision_number=f"{stars}/QĐ-UBND",
            decision_date=datetime.date(2025, 1, 2), by=None,
        )
    assert "stars" in error.value.message_dict


def test_commune_kinds_and_city_name():
    assert rules.place_label("Bằng Lũng", "Chợ Đồn").startswith("thị trấn Bằng Lũng")
    assert rules.place_label("Sông Cầu", "TP Bắc Kạn").startswith("phường Sông Cầu")
    assert rules.place_label("Nam Mẫu", "Ba Bể").startswith("xã Nam Mẫu")
    from ocop.reference_data import communes_2020_2025

    names = [d["name"] for d in communes_2020_2025()["districts"]]
    assert "Thành phố Bắc Kạn" in names
    kinds = [c["kind"] for d in communes_2020_2025()["districts"] for c in d["communes"]]
    assert (kinds.count("xã"), kinds.count("thị trấn"), kinds.count("phường")) == (95, 7, 6)


def test_storefront_shows_the_sellers_identity_and_labels_a_guessed_kind(client):
    partner = producer("Nhà hàng Tám Cương", slug="nha-hang-tam-cuong", commune="Bằng Lũng", district="Chợ Đồn")
    partner.producer_profile.legal_kind = "household"
    partner.producer_profile.save()
    html = client.get(reverse("shops:detail", kwargs={"slug": "nha-hang-tam-cuong"})).content.decode()
    assert "Thông tin người bán" in html and "Mã số đăng ký kinh doanh" in html
    assert "loại hình: dữ liệu mẫu" in html
    assert "thị trấn Bằng Lũng" in html


def test_footer_has_registration_status_and_operating_rules_link(client):
    html = client.get(reverse("ocop:programme")).content.decode()
    assert "Thông báo website TMĐT" not in html
    assert "Đăng ký sàn giao dịch thương mại điện tử với Bộ Công Thương" in html
    assert "/chinh-sach/quy-che-hoat-dong/" in html


def test_demo_revocation_is_of_an_invented_product():
    from catalogue import demo

    demo.load_traceability(log=lambda *_: None)
    product = demo.ensure_invented_product()
    revoked = product.ocop_certificates.get()
    assert revoked.is_revoked and revoked.is_demo
    assert "mẫu" in product.title and "dữ liệu mẫu" in product.producer_partner().name
