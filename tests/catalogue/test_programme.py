"""/ocop/: the programme's figures computed from the data, and staff-entered yearly targets."""
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import category
from tests.factories.catalogue import ProductionBatchFactory, certification_officer, certified_product, producer

pytestmark = pytest.mark.django_db


def test_figures_by_stars_group_district_and_communes(client):
    food, drinks = category("Thực phẩm"), category("Đồ uống")
    herbs = category("Dược liệu và sản phẩm từ dược liệu")
    nam_mau = producer("HKD Quỳnh Mai", slug="quynh-mai", commune="Nam Mẫu", district="Ba Bể")
    con_minh = producer("HTX Tài Hoan", slug="tai-hoan", commune="Côn Minh", district="Na Rì")
    nowhere = producer("Cơ sở lạ", slug="co-so-la", commune="Không Có", district="Ba Bể")
    certified_product(stars=5, partner=con_minh, categories=[food])
    certified_product(stars=4, partner=con_minh, categories=[drinks])
    certified_product(stars=3, partner=nam_mau, categories=[food])
    certified_product(stars=3, partner=nowhere, categories=[herbs])
    today = timezone.localdate()
    certified_product(  # expired: counts nowhere
        stars=4, partner=nam_mau, categories=[drinks],
        decision_date=today - datetime.timedelta(days=1200), valid_until=today - datetime.timedelta(days=1),
    )
    certified_product(  # expires within 90 days
        stars=3, partner=nam_mau, categories=[food],
        decision_date=today - datetime.timedelta(days=1000), valid_until=today + datetime.timedelta(days=60),
    )

    from ocop.selectors import programme_figures

    figures = programme_figures()
    assert figures["total"] == 5
    assert figures["by_stars"] == [{"stars": 5, "count": 1}, {"stars": 4, "count": 1}, {"stars": 3, "count": 3}]
    assert {row["category"].name: row["count"] for row in figures["groups"]} == {
        "Thực phẩm": 3, "Đồ uống": 1, "Dược liệu và sản phẩm từ dược liệu": 1,
    }
    districts = {row["name"]: row["count"] for row in figures["districts"]}
    assert districts["Huyện Ba Bể"] == 3 and districts["Huyện Na Rì"] == 2 and len(districts) == 8
    assert figures["communes_covered"] == 2 and figures["communes_total"] == 108
    assert figures["expiring_90"] == 1

    html = client.get(reverse("ocop:programme")).content.decode()
    assert "2/108" in html and "Huyện Ba Bể" in html and "Thực phẩm" in html
    assert "Chưa có chỉ tiêu năm nào được nhập" in html


def test_targets_entered_by_staff_show_progress(client):
    officer = certification_officer()
    client.force_login(officer)
    year = timezone.localdate().year
    url = reverse("ocop:dashboard-targets")
    assert client.post(url, {"year": year, "kind": "new_certified", "target": 20}).status_code == 302
    assert client.post(url, {"year": year, "kind": "traceable", "target": 4}).status_code == 302
    assert client.post(url, {"year": year, "kind": "traceable", "target": 0}).status_code == 400

    first_this_year = certified_product(decision_date=datetime.date(year, 1, 2))
    certified_product(decision_date=datetime.date(year - 1, 6, 1))
    ProductionBatchFactory(product=first_this_year)

    client.logout()
    html = client.get(reverse("ocop:programme")).content.decode()
    assert "Sản phẩm mới đạt 3 sao trở lên" in html
    assert ">1/20<" in html
    assert ">1/4<" in html


def test_programme_page_in_english(client):
    from django.utils import translation

    response = client.get("/en" + reverse("ocop:programme"))
    translation.activate("vi")  # LocaleMiddleware leaves the request's language active
    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()
