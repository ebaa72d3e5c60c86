"""The demo loader builds the portal once, labels invented content, and can run again."""
import pytest
from wagtail.documents import get_document_model

from cms.demo import load_pages
from cms.models import ContentPage, DocumentIndexPage, EventPage, NewsPage, ProgrammePage

pytestmark = pytest.mark.django_db


def test_demo_portal_is_idempotent_and_labelled(client):
    load_pages(log=lambda message: None)
    load_pages(log=lambda message: None)
    assert NewsPage.objects.live().count() == 4
    assert EventPage.objects.live().count() == 2
    assert ProgrammePage.objects.count() == 4
    assert DocumentIndexPage.objects.count() == 1
    assert ContentPage.objects.filter(slug="khieu-nai-doi-tra").count() == 1
    Document = get_document_model()
    assert sorted(Document.objects.values_list("number", flat=True)) == ["148/QĐ-TTg", "32-CT/TU", "736/QĐ-UBND"]
    directive = Document.objects.get(number="32-CT/TU")
    assert not directive.is_demo  # its date and content are in the sources (issue 21)
    assert str(directive.issued_on) == "2024-05-09" and directive.issuer == "Ban Thường vụ Tỉnh ủy Bắc Kạn"
    assert "21-CT/TU ngày 08/04/2019" in directive.summary and "đến hết năm 2023: 218 sản phẩm" in directive.summary

    news = client.get("/news/").content.decode()
    assert "Miến dong Tài Hoan tiếp tục đạt hạng 5 sao OCOP" in news
    assert "dữ liệu demo" in news
    criteria = client.get("/chuong-trinh-ocop/tieu-chi-xep-hang-sao/").content.decode()
    assert "Sản phẩm và sức mạnh cộng đồng" in criteria
    documents = client.get("/chuong-trinh-ocop/van-ban/?q=736").content.decode()
    assert "<strong>736/QĐ-UBND</strong>" in documents and "26/05/2021" in documents
    home = client.get("/").content.decode()
    assert "Hội chợ sản phẩm OCOP Bắc Kạn (sự kiện mẫu)" in home
    assert "Tỉnh ủy Bắc Kạn ban hành Chỉ thị 32-CT/TU" in home
