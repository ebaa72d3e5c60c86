"""Programme news: index with categories, tags and pages; feeds; articles linked to products and producers."""
import datetime
import json
import xml.etree.ElementTree as ET

import pytest
from django.template import Context, Template

from cms import selectors
from cms.models import NEWS_PER_PAGE
from tests.factories import PartnerFactory, product_on_sale
from tests.factories.cms import news_category, news_index, news_page

pytestmark = pytest.mark.django_db


def test_news_index_lists_articles_newest_first(client):
    news_page(title="Bài cũ hơn", date=datetime.date(2024, 1, 10))
    news_page(title="Bài mới nhất", date=datetime.date(2024, 6, 25))
    response = client.get("/news/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Bài mới nhất") < html.index("Bài cũ hơn")
    assert "25/06/2024" in html


def test_news_index_paginates(client):
    for day in range(NEWS_PER_PAGE + 2):
        news_page(title=f"Tin số {day:02d}", date=datetime.date(2024, 3, 1) + datetime.timedelta(days=day))
    first = client.get("/news/").content.decode()
    assert "Tin số 11" in first and "Tin số 00" not in first
    assert "Trang 1/2" in first
    second = client.get("/news/?page=2").content.decode()
    assert "Tin số 00" in second and "Tin số 11" not in second
    assert client.get("/news/?page=abc").status_code == 200


def test_news_index_filters_by_category_and_tag(client):
    fairs = news_category("Hội chợ", "hoi-cho")
    news_page(title="Hội chợ OCOP tại Hà Nội", categories=[fairs], tags=["hoi-cho"])
    news_page(title="Tập huấn chủ thể OCOP", tags=["tap-huan"])
    html = client.get("/news/?category=hoi-cho").content.decode()
    assert "Hội chợ OCOP tại Hà Nội" in html and "Tập huấn chủ thể OCOP" not in html
    html = client.get("/news/?tag=tap-huan").content.decode()
    assert "Tập huấn chủ thể OCOP" in html and "Hội chợ OCOP tại Hà Nội" not in html
    html = client.get("/news/?category=khong-co").content.decode()
    assert "Chưa có tin tức nào." in html


def test_unpublished_articles_stay_hidden(client):
    page = news_page(title="Bản nháp chưa duyệt")
    page.unpublish()
    assert "Bản nháp chưa duyệt" not in client.get("/news/").content.decode()


def test_rss_and_atom_feeds(client):
    news_page(title="Chỉ thị về phát triển sản phẩm OCOP", date=datetime.date(2024, 5, 2), author="Ban biên tập")
    rss = client.get("/news/rss/")
    assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(rss.content).find("channel")
    item = channel.find("item")
    assert item.find("title").text == "Chỉ thị về phát triển sản phẩm OCOP"
    assert item.find("link").text.startswith("http://testserver/news/")
    atom = client.get("/news/atom/")
    assert atom.status_code == 200 and atom["Content-Type"].startswith("application/atom+xml")
    entry = ET.fromstring(atom.content).find("{http://www.w3.org/2005/Atom}entry")
    assert entry.find("{http://www.w3.org/2005/Atom}title").text == "Chỉ thị về phát triển sản phẩm OCOP"
    assert 'type="application/rss+xml"' in client.get("/news/").content.decode()


def test_article_shows_embedded_product_related_articles_and_producers(client):
    product = product_on_sale(title="Miến dong Tài Hoan")
    producer = PartnerFactory(name="HTX Tài Hoan")
    theme = news_category("Sản phẩm tiêu biểu", "san-pham-tieu-bieu")
    body = json.dumps([
        {"type": "paragraph", "value": "<p>Miến dong của xã Côn Minh.</p>"},
        {"type": "product", "value": {"product": product.pk, "caption": "Miến dong 5 sao"}},
    ])
    article = news_page(title="Miến dong Tài Hoan", categories=[theme], partners=[producer], body=body)
    news_page(title="Bài cùng chuyên mục", categories=[theme])
    news_page(title="Bài không liên quan")
    html = client.get(article.url).content.decode()
    assert "Miến dong của xã Côn Minh." in html
    assert "Miến dong 5 sao" in html
    assert "120.000\u00a0₫" in html
    assert "HTX Tài Hoan" in html
    assert "Bài cùng chuyên mục" in html and "Bài không liên quan" not in html
    # the embedded product is linked to the article, so the article shows on its page
    assert selectors.news_for_product(product) == [article.specific]
    assert selectors.news_for_partner(producer) == [article.specific]


def test_embedded_product_that_leaves_sale_shows_as_paused(client):
    from catalogue.models import OcopCertificate

    product = product_on_sale(title="Rượu men lá Thanh Tâm")
    body = json.dumps([{"type": "product", "value": {"product": product.pk, "caption": ""}}])
    article = news_page(title="Rượu men lá", body=body)
    OcopCertificate.objects.filter(product=product).update(status=OcopCertificate.Status.REVOKED)
    html = client.get(article.url).content.decode()
    assert "tạm ngừng bán" in html
    assert "120.000\u00a0₫" not in html


def test_related_news_tag_for_product_and_storefront_pages():
    product = product_on_sale(title="Trà bí thơm")
    producer = PartnerFactory(name="HTX Yến Dương")
    news_page(title="Trà bí thơm Ba Bể", products=[product], partners=[producer])
    template = Template("{% load cms_tags %}{% related_news product=product %}|{% related_news partner=partner %}")
    html = template.render(Context({"product": product, "partner": producer}))
    product_part, partner_part = html.split("|")
    assert "Tin tức liên quan" in product_part and "Trà bí thơm Ba Bể" in product_part
    assert "Trà bí thơm Ba Bể" in partner_part
    lonely = product_on_sale(title="Sản phẩm chưa có tin")
    assert Template("{% load cms_tags %}{% related_news product=p %}").render(Context({"p": lonely})).strip() == ""


def test_news_index_is_reachable_in_english(client):
    news_index()
    response = client.get("/en/news/")
    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()
