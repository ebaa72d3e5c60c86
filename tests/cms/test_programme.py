"""Programme pages: the star criteria table, links to the real forms; the searchable documents list."""
import datetime
import json

import pytest

from ocop import rules as ocop_rules
from tests.factories.cms import document_index, ocop_document, programme_page

pytestmark = pytest.mark.django_db


def test_star_criteria_table_shows_parts_and_bands(client):
    page = programme_page(body=json.dumps([{"type": "star_criteria", "value": {"heading": "Bộ tiêu chí OCOP"}}]))
    html = client.get(page.url).content.decode()
    assert "Bộ tiêu chí OCOP" in html
    for code, label in (("A", "Sản phẩm và sức mạnh cộng đồng"), ("B", "Khả năng tiếp thị"), ("C", "Chất lượng sản phẩm")):
        assert f'<th scope="row">{code}</th><td>{label}</td>' in html
    # points of the parts (Decision 148/QĐ-TTg) add up to the 100-point scale
    assert '<td class="text-right">40</td>' in html and '<td class="text-right">35</td>' in html
    for stars, low, _high in ocop_rules.STAR_BANDS:
        assert f"từ {low} " in html
        assert f"{stars} sao" in html
    assert "từ 90 đến 100" in html and "từ 70 đến dưới 90" in html
    assert "Bộ Nông nghiệp và Môi trường công nhận" in html
    assert html.count("Không được chứng nhận, không bán trên sàn") == 2


def test_form_links_lead_to_real_forms_or_say_they_are_coming(client):
    body = [
        {"type": "form_link", "value": {"target": "catalogue:index", "label": "Xem sản phẩm", "text": ""}},
        {"type": "form_link", "value": {"target": "ocop:gift-baskets", "label": "Giỏ quà", "text": ""}},
    ]
    page = programme_page(title="Tham gia", slug="tham-gia", body=json.dumps(body))
    html = client.get(page.url).content.decode()
    assert '<a class="btn btn-success" href="/catalogue/">Xem sản phẩm</a>' in html
    from django.urls import NoReverseMatch, reverse

    try:
        gift_url = reverse("ocop:gift-baskets")
    except NoReverseMatch:
        assert "„Giỏ quà“ sẽ sớm mở trên sàn." in html
    else:
        assert f'href="{gift_url}">Giỏ quà</a>' in html


def test_documents_list_is_searchable_by_number_and_words(client):
    ocop_document(issued_on=datetime.date(2021, 5, 26))
    ocop_document(
        title="Chỉ thị về phát triển sản phẩm OCOP",
        number="32-CT/TU",
        issuer="Tỉnh ủy Bắc Kạn",
        kind="directive",
        is_demo=True,
    )
    page = document_index()
    html = client.get(page.url).content.decode()
    assert "736/QĐ-UBND" in html and "26/05/2021" in html and "UBND tỉnh Bắc Kạn" in html
    assert "32-CT/TU" in html and "dữ liệu mẫu" in html

    decision, directive = "<strong>736/QĐ-UBND</strong>", "<strong>32-CT/TU</strong>"
    html = client.get(page.url, {"q": "736"}).content.decode()
    assert decision in html and directive not in html
    html = client.get(page.url, {"q": "Tỉnh ủy"}).content.decode()
    assert directive in html and decision not in html
    html = client.get(page.url, {"q": "quy chế điểm bán"}).content.decode()
    assert decision in html and directive not in html
    html = client.get(page.url, {"kind": "directive"}).content.decode()
    assert directive in html and decision not in html
    html = client.get(page.url, {"q": "không có văn bản này"}).content.decode()
    assert "Không tìm thấy văn bản nào phù hợp" in html
