import datetime

import pytest
from django.utils import timezone

from tests.factories import OcopCertificateFactory, PartnerFactory, ProductFactory, StockRecordFactory, category
from tests.factories.shops import ProducerProfileFactory

pytestmark = pytest.mark.django_db


def stocked(partner, title, certified=True, **kwargs):
    record = StockRecordFactory(partner=partner, product=ProductFactory(title=title, **kwargs))
    if certified:
        OcopCertificateFactory(product=record.product, stars=4, decision_number=f"{record.pk}/QĐ-UBND")
    return record.product


def test_storefront_shows_story_certified_products_certificates_and_contact(client):
    profile = ProducerProfileFactory(
        story="<p>Miến dong làm từ củ dong riềng Côn Minh.</p>", phone="0912345678",
        representative="Triệu Thị Hoan", founded_year=2010, standards=["vietgap"],
    )
    stocked(profile.partner, "Miến dong Tài Hoan")
    stocked(profile.partner, "Bánh chưa chứng nhận", certified=False)

    response = client.get(f"/shops/{profile.slug}/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Miến dong làm từ củ dong riềng Côn Minh." in page
    assert "Miến dong Tài Hoan" in page
    assert "Bánh chưa chứng nhận" not in page
    assert "★★★★" in page
    assert "Triệu Thị Hoan" in page and "0912345678" in page
    assert "VietGAP" in page and "2010" in page
    assert "Bắc Kạn cũ — nay thuộc tỉnh Thái Nguyên" in page


def test_storefront_empty_states_read_well(client):
    profile = ProducerProfileFactory()
    page = client.get(f"/shops/{profile.slug}/").content.decode()
    assert "Nhà sản xuất chưa kể câu chuyện của mình." in page
    assert "Hiện chưa có sản phẩm nào có chứng nhận OCOP còn hiệu lực đang bán." in page
    assert "Chưa có giấy chứng nhận OCOP còn hiệu lực." in page
    assert "Chưa có phiên live nào" in page


def test_expired_certificate_takes_the_product_off_the_storefront(client):
    profile = ProducerProfileFactory()
    record = StockRecordFactory(partner=profile.partner, product=ProductFactory(title="Trà hết hạn"))
    OcopCertificateFactory(
        product=record.product, decision_date=timezone.localdate() - datetime.timedelta(days=3 * 366)
    )
    page = client.get(f"/shops/{profile.slug}/").content.decode()
    assert "Trà hết hạn" not in page


def test_unknown_storefront_is_404(client):
    assert client.get("/shops/khong-co/").status_code == 404


def test_storefront_english_version(client):
    profile = ProducerProfileFactory()
    assert client.get(f"/en/shops/{profile.slug}/").status_code == 200


def test_directory_filters_by_district_kind_and_group(client):
    drinks = category("Đồ uống")
    drinks.slug = "do-uong"
    drinks.save()
    na_ri = ProducerProfileFactory(partner=PartnerFactory(name="HTX Na Rì"), district="Na Rì")
    ba_be = ProducerProfileFactory(
        partner=PartnerFactory(name="Hộ Ba Bể"), district="Ba Bể", commune="Nam Mẫu", legal_kind="household"
    )
    stocked(na_ri.partner, "Miến dong")
    stocked(ba_be.partner, "Rượu men lá", categories=[drinks])

    def names(query):
        response = client.get("/shops/" + query)
        assert response.status_code == 200
        return [p.name for p in response.context["profiles"]]

    assert set(names("")) == {"HTX Na Rì", "Hộ Ba Bể"}
    assert names("?district=Na+R%C3%AC") == ["HTX Na Rì"]
    assert names("?kind=household") == ["Hộ Ba Bể"]
    assert names("?group=do-uong") == ["Hộ Ba Bể"]
    response = client.get("/shops/?district=Ch%E1%BB%A3+M%E1%BB%9Bi")
    assert "Không có nhà sản xuất nào khớp bộ lọc" in response.content.decode()


def test_directory_paginates_and_counts_products(client):
    for n in range(14):
        ProducerProfileFactory(partner=PartnerFactory(name=f"Cơ sở {n:02d}"))
    first = client.get("/shops/")
    assert len(first.context["profiles"]) == 12
    assert "Trang 1/2" in first.content.decode()
    second = client.get("/shops/?page=2")
    assert len(second.context["profiles"]) == 2


def test_directory_empty_state(client):
    assert "Chưa có nhà sản xuất nào" in client.get("/shops/").content.decode()


def test_directory_map_points_are_labelled_approximate(client):
    ProducerProfileFactory(district="Ba Bể", commune="Nam Mẫu")
    response = client.get("/shops/")
    points = response.context["map_points"]
    assert len(points) == 1 and points[0]["approximate"] is True
    assert 22.0 < points[0]["lat"] < 22.7
    page = response.content.decode()
    assert 'id="shops-map-points"' in page and "Vị trí gần đúng" in page
    assert "vendor/leaflet/leaflet.js" in page


def test_storefront_lists_live_sessions_and_sales_points_that_stock_its_products(client):
    from livestream.models import LiveSession
    from tests.factories.livestream import live_session
    from tests.factories.sales_points import ApprovedSalesPointFactory, ListingFactory

    profile = ProducerProfileFactory()
    product = stocked(profile.partner, "Miến dong Tài Hoan")
    live_session(status=LiveSession.Status.SCHEDULED, partner=profile.partner, title="Live miến dong tối nay")
    live_session(status=LiveSession.Status.ENDED, partner=profile.partner, title="Live tuần trước")
    live_session(status=LiveSession.Status.SCHEDULED, title="Live của người khác")
    point = ApprovedSalesPointFactory(name="Điểm bán hồ Ba Bể")
    ListingFactory(point=point, product=product)
    ListingFactory(point=ApprovedSalesPointFactory(name="Điểm bán không liên quan"))

    page = client.get(f"/shops/{profile.slug}/").content.decode()

    assert "Live miến dong tối nay" in page and "Live tuần trước" in page
    assert "Live của người khác" not in page
    assert "Điểm bán hồ Ba Bể" in page and "Điểm bán không liên quan" not in page
