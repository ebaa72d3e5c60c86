"""Sitemap, Open Graph and hreflang on the portal pages."""
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache

from tests.factories import product_on_sale
from tests.factories.cms import news_page

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def test_sitemap_lists_pages_and_products_on_sale_with_language_alternates(client):
    cache.clear()
    article = news_page(title="Hội chợ OCOP mùa xuân")
    article_path = article.url
    product = product_on_sale(title="Mật ong Thanh Thịnh")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    locations = [url.find("s:loc", NS).text for url in root.findall("s:url", NS)]
    assert "http://testserver/" in locations
    assert f"http://testserver{article_path}" in locations
    assert f"http://testserver{product.get_absolute_url()}" in locations
    article_entry = next(url for url in root.findall("s:url", NS) if url.find("s:loc", NS).text.endswith(article_path))
    alternates = {link.get("hreflang"): link.get("href") for link in article_entry.findall("x:link", NS)}
    assert alternates == {"vi": f"http://testserver{article_path}", "en": f"http://testserver/en{article_path}"}


def test_sitemap_leaves_out_products_off_sale(client):
    from catalogue.models import OcopCertificate

    cache.clear()
    product = product_on_sale(title="Gạo nếp Tân Sơn")
    OcopCertificate.objects.filter(product=product).update(status=OcopCertificate.Status.REVOKED)
    assert product.get_absolute_url() not in client.get("/sitemap.xml").content.decode()


def test_pages_carry_open_graph_and_hreflang(client):
    article = news_page(title="Miến dong Tài Hoan 5 sao", intro="Sản phẩm 5 sao của Na Rì")
    path = article.url
    html = client.get(path).content.decode()
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Miến dong Tài Hoan 5 sao">' in html
    assert '<meta property="og:description" content="Sản phẩm 5 sao của Na Rì">' in html
    assert f'<link rel="alternate" hreflang="en" href="http://testserver/en{path}">' in html
    assert f'<link rel="alternate" hreflang="vi" href="http://testserver{path}">' in html
    english = client.get("/en" + path).content.decode()
    assert '<meta property="og:locale" content="en_US">' in english
    assert f'<link rel="canonical" href="http://testserver/en{path}">' in english
    home = client.get("/").content.decode()
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/">' in home
