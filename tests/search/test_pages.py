"""What shoppers see on /search/ and /catalogue/ (database backend, the default)."""
import json
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from search.backends.database import DatabaseBackend
from tests.factories import category
from tests.factories.search import searchable_product

pytestmark = pytest.mark.django_db


def test_search_page_finds_products_typed_without_accents(client, catalogue):
    response = client.get("/search/", {"q": "mien dong"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Miến dong Tài Hoan" in html and "Miến dong Côn Minh" in html
    assert "Mật ong rừng Ba Bể" not in html
    assert [p.title for p in response.context["products"]][0] == "Miến dong Tài Hoan"
    assert 'data-facet="stars"' in html and 'data-facet="district"' in html
    assert "js/search-suggest.js" in html
    assert "<script>" not in html  # no inline script on storefront pages


def test_search_page_corrects_typos_and_says_so(client, catalogue):
    response = client.get("/search/", {"q": "mat ongg"})
    html = response.content.decode()
    assert "Mật ong rừng Ba Bể" in html
    assert "Hiển thị kết quả cho <strong>mat ong</strong>" in html


def test_empty_search_offers_did_you_mean_and_ways_out(client, catalogue):
    response = client.get("/search/", {"q": "mien dong tai hoan xyzw qqqq"})
    html = response.content.decode()
    assert "Không tìm thấy sản phẩm nào" in html
    assert "Có phải bạn muốn tìm:" in html and "Miến dong Tài Hoan" in html
    assert reverse("catalogue:index") in html


def test_filters_live_in_the_url_and_facet_links_keep_them(client, catalogue):
    response = client.get("/catalogue/", {"stars": "4"})
    titles = {p.title for p in response.context["products"]}
    assert titles == {"Miến dong Tài Hoan", "Trà Shan tuyết Bạch Thông"}
    facets = {f["name"]: f for f in response.context["facets"]}
    district_links = [v["url"] for v in facets["district"]["values"]]
    assert all("stars=4" in url for url in district_links)
    na_ri = next(v for v in facets["district"]["values"] if v["label"] == "Na Rì")
    response = client.get("/catalogue/" + na_ri["url"])
    assert [p.title for p in response.context["products"]] == ["Miến dong Tài Hoan"]
    assert len(response.context["products"]) == na_ri["count"]


def test_invalid_filter_is_reported_not_a_server_error(client, catalogue):
    response = client.get("/catalogue/", {"stars": "9", "sort": "nonsense", "page": "abc"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hạng sao chỉ có thể là 3, 4 hoặc 5." in html
    assert len(response.context["products"]) == 7


def test_category_page_is_faceted_within_the_category(client, catalogue):
    food = category("Thực phẩm")
    response = client.get(food.get_absolute_url())
    assert response.status_code == 200
    assert {p.title for p in response.context["products"]} == {
        "Miến dong Tài Hoan", "Miến dong Côn Minh", "Bánh trôi chợ Đồn", "Mật ong rừng Ba Bể"
    }
    facets = {f["name"]: f for f in response.context["facets"]}
    assert [v["label"] for v in facets["subgroup"]["values"]] == ["Miến, bún"]


def test_sort_and_pagination_links(client, catalogue, settings):
    response = client.get("/catalogue/", {"sort": "price_asc"})
    prices = [p.stockrecords.all()[0].price for p in response.context["products"]]
    assert prices == sorted(prices)
    assert response.context["paginator"].count == 7


def measure_catalogue_queries(client, monkeypatch):
    """Queries of /catalogue/ with the facet counts computed (cold) and from the cache (warm)."""
    client.get("/catalogue/")  # site, categories, thumbnails
    with monkeypatch.context() as patched:
        patched.setattr(DatabaseBackend, "catalogue_version", lambda self: uuid.uuid4().hex)
        with CaptureQueriesContext(connection) as cold:
            client.get("/catalogue/")
    with CaptureQueriesContext(connection) as warm:
        response = client.get("/catalogue/")
    return len(cold), len(warm), response


def test_catalogue_query_count_does_not_grow_with_products(client, catalogue, monkeypatch):
    few_cold, few_warm, _ = measure_catalogue_queries(client, monkeypatch)
    for i in range(12):
        searchable_product(f"Măng khô Ngân Sơn {i}")
    many_cold, many_warm, response = measure_catalogue_queries(client, monkeypatch)
    assert len(response.context["products"]) == 19
    assert (many_cold, many_warm) == (few_cold, few_warm)
    assert many_warm < many_cold  # facet counts come from the cache until the catalogue changes


def test_suggest_endpoint(client, catalogue):
    response = client.get(reverse("search:suggest"), {"q": "mien d"})
    assert response.status_code == 200
    data = json.loads(response.content)
    assert {s["title"] for s in data["suggestions"]} == {"Miến dong Tài Hoan", "Miến dong Côn Minh"}
    assert all(s["url"].startswith("/catalogue/") for s in data["suggestions"])
    assert json.loads(client.get(reverse("search:suggest"), {"q": "m"}).content)["suggestions"] == []
    too_long = client.get(reverse("search:suggest"), {"q": "x" * 101})
    assert too_long.status_code == 400 and "longer" in json.loads(too_long.content)["error"]


def test_unreachable_elasticsearch_falls_back_to_the_database(client, catalogue, settings, caplog):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    response = client.get("/search/", {"q": "banh troi"})
    assert response.status_code == 200
    assert "Bánh trôi chợ Đồn" in response.content.decode()
    assert "served by the database" in caplog.text
    data = json.loads(client.get(reverse("search:suggest"), {"q": "banh"}).content)
    assert [s["title"] for s in data["suggestions"]] == ["Bánh trôi chợ Đồn"]


def test_slow_elasticsearch_times_out_within_a_second(client, catalogue, settings):
    import socket
    import time

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)  # accepts the connection, never answers
    try:
        settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{server.getsockname()[1]}"
        started = time.monotonic()
        response = client.get("/search/", {"q": "tra shan tuyet"})
        elapsed = time.monotonic() - started
    finally:
        server.close()
    assert "Trà Shan tuyết Bạch Thông" in response.content.decode()
    assert elapsed < 3


def test_search_page_lists_programme_news(client, catalogue):
    from tests.factories.cms import news_page

    news_page(title="Miến dong Tài Hoan đạt 4 sao OCOP")
    response = client.get("/search/", {"q": "miến dong"})
    html = response.content.decode()
    assert "Tin tức và trang của Chương trình OCOP" in html
    assert "Miến dong Tài Hoan đạt 4 sao OCOP" in html
