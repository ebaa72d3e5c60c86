"""Contract tests of the open data API /api/v1/: shapes, filters, pagination, ETag, CORS, limits,
no personal data."""
import json
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ocop import services
from tests.factories.catalogue import certified_product, producer
from tests.factories.gift_baskets import CultureThemeFactory
from tests.factories.livestream import LiveSessionFactory
from tests.factories.registry import RegistryEntryFactory, registry_entry
from tests.factories.sales_points import ApprovedSalesPointFactory

pytestmark = pytest.mark.django_db

SECRET_EMAIL = "chu.ho.rieng@example.vn"
SECRET_PHONE = "0987654321"
SECRET_STREET = "Số 9 ngõ Bí Mật"


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(django_user_model):
    partner = producer("HTX Tài Hoan", email=SECRET_EMAIL)
    partner.producer_profile.phone = SECRET_PHONE
    partner.producer_profile.address = SECRET_STREET
    partner.producer_profile.representative = "Nguyễn Văn Riêng"
    partner.producer_profile.save()
    product = certified_product(partner=partner, title="Miến dong Tài Hoan", stars=5)
    entry = RegistryEntryFactory(name="Miến dong Tài Hoan", group="thuc-pham")
    services.registry_link_product(entry=entry, product=product)
    registry_entry(name="Trà hoa vàng Bắc Kạn", stars=4, group="duoc-lieu")
    ApprovedSalesPointFactory(contact_email="diemban.rieng@example.vn", phone=SECRET_PHONE, street=SECRET_STREET)
    LiveSessionFactory(partner=partner, title="Phiên live miến dong")
    CultureThemeFactory()
    user = django_user_model.objects.create_user("shopper", "nguoimua@example.vn", "x")
    return {"product": product, "entry": entry, "user": user}


ENDPOINTS = [
    ("/api/v1/products/", {"id", "title", "url", "stars", "decision_number", "valid_until", "producer", "price_vnd"}),
    ("/api/v1/registry/", {"code", "name", "producer_name", "producer_kind", "stars", "decision_number", "status", "shop_url", "source"}),
    ("/api/v1/certificates/", {"decision_number", "decision_date", "stars", "valid_until", "status", "registry_code"}),
    ("/api/v1/producers/", {"slug", "name", "legal_kind", "commune", "district", "url"}),
    ("/api/v1/sales-points/", {"slug", "name", "place", "decision_number"}),
    ("/api/v1/live-sessions/", {"id", "title", "scheduled_start", "status", "producer"}),
    ("/api/v1/culture-themes/", {"code", "name", "story"}),
]


@pytest.mark.parametrize("url,fields", ENDPOINTS)
def test_each_list_endpoint_is_paginated_json_with_its_fields(client, world, url, fields):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Access-Control-Allow-Origin"] == "*"
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] >= 1
    assert fields <= set(body["results"][0])


def test_no_personal_data_in_any_response(client, world):
    user = world["user"]
    texts = []
    for url, _fields in ENDPOINTS:
        texts.append(client.get(url).content.decode())
    texts.append(client.get(world["entry"].get_absolute_url().replace("/ocop/tra-cuu/", "/api/v1/registry/")).content.decode())
    text = "\n".join(texts)
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text)  # no e-mail at all
    assert SECRET_PHONE not in text and SECRET_STREET not in text and "Nguyễn Văn Riêng" not in text
    assert '"user' not in text and f'"id": {user.pk},' not in text.replace('"id":', '"id": ')


def test_registry_filters_match_the_page(client, world):
    body = client.get("/api/v1/registry/", {"q": "tra hoa vang"}).json()
    assert [row["name"] for row in body["results"]] == ["Trà hoa vàng Bắc Kạn"]
    assert client.get("/api/v1/registry/", {"stars": 4}).json()["count"] == 1
    linked = client.get("/api/v1/registry/", {"q": "mien dong"}).json()["results"][0]
    assert linked["shop_url"].endswith(world["product"].get_absolute_url())
    detail = client.get(f"/api/v1/registry/{world['entry'].code}/").json()
    assert detail["certificates"][0]["stars"] == 5


def test_products_only_on_sale(client, world):
    from tests.factories import OcopCertificateFactory, ProductFactory

    lapsed = ProductFactory(title="Hết hạn")
    OcopCertificateFactory(product=lapsed, decision_date="2019-01-01")
    titles = [row["title"] for row in client.get("/api/v1/products/").json()["results"]]
    assert titles == ["Miến dong Tài Hoan"]


def test_etag_and_if_none_match(client, world):
    first = client.get("/api/v1/registry/")
    etag = first["ETag"]
    again = client.get("/api/v1/registry/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    registry_entry(name="Sản phẩm mới")
    assert client.get("/api/v1/registry/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_cors_preflight(client, world):
    response = client.options("/api/v1/registry/", HTTP_ORIGIN="https://du-lich.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert client.post("/api/v1/registry/").status_code == 405


def test_rate_limit_per_address_and_higher_with_a_key(client, world, settings):
    from ocop.models import ApiKey

    settings.OPEN_DATA_API_RATES = {"address": "3/min", "key": "6/min"}
    codes = [client.get("/api/v1/culture-themes/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    key = ApiKey.objects.create(name="Cổng du lịch")
    codes = [client.get("/api/v1/culture-themes/", HTTP_X_API_KEY=key.key).status_code for _ in range(7)]
    assert codes == [200] * 6 + [429]


def test_schema_and_docs(client, world):
    schema = client.get("/api/v1/schema/", {"format": "json"})
    assert schema.status_code == 200
    spec = json.loads(schema.content)
    assert spec["openapi"].startswith("3.")
    assert "/api/v1/registry/" in spec["paths"] and "/api/v1/products/" in spec["paths"]
    html = client.get("/api/v1/docs/").content.decode()
    assert "/api/v1/registry/" in html and "CC BY 4.0" in html


def test_bulk_downloads_with_licence(client, world):
    from django.core.management import call_command

    call_command("export_open_data", stdout=open("/dev/null", "w"))
    listing = client.get("/api/v1/bulk/").json()
    assert listing["licence"] == "CC-BY-4.0" and "registry.csv" in listing["files"]
    registry = json.loads(b"".join(client.get("/api/v1/bulk/registry.json").streaming_content))
    assert {row["name"] for row in registry["results"]} == {"Miến dong Tài Hoan", "Trà hoa vàng Bắc Kạn"}
    licence = b"".join(client.get("/api/v1/bulk/LICENCE.txt").streaming_content).decode()
    assert "CC BY 4.0" in licence
    assert SECRET_EMAIL not in b"".join(client.get("/api/v1/bulk/products.json").streaming_content).decode()


def test_registry_list_queries_do_not_grow_with_page_size(client, world):
    for n in range(30):
        registry_entry(name=f"Sản phẩm {n}")
    with CaptureQueriesContext(connection) as small:
        client.get("/api/v1/registry/", {"page_size": 5})
    with CaptureQueriesContext(connection) as large:
        client.get("/api/v1/registry/", {"page_size": 30})
    assert len(small) == len(large)
    with CaptureQueriesContext(connection) as products:
        client.get("/api/v1/products/", {"page_size": 30})
    for n in range(5):
        certified_product(title=f"Hàng {n}")
    with CaptureQueriesContext(connection) as more_products:
        client.get("/api/v1/products/", {"page_size": 30})
    assert len(products) == len(more_products)
