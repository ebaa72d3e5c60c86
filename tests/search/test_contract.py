"""One contract, two backends: the same fixtures and expectations on the database
backend and on Elasticsearch (skipped when no server answers; see conftest)."""
import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from search.backends.base import FILTERS
from tests.factories import OcopCertificateFactory
from tests.factories.search import searchable_product

pytestmark = pytest.mark.django_db


def test_accent_free_query_finds_the_accented_title_first(backend):
    assert backend.titles("mien dong tai hoan")[0] == "Miến dong Tài Hoan"
    assert backend.titles("banh troi cho don")[0] == "Bánh trôi chợ Đồn"
    assert backend.titles("tra shan tuyet")[0] == "Trà Shan tuyết Bạch Thông"


def test_accented_and_unaccented_queries_agree(backend):
    assert backend.titles("mật ong")[0] == "Mật ong rừng Ba Bể"
    assert backend.titles("Miến dong")[:2] == backend.titles("mien dong")[:2]
    assert set(backend.titles("mien dong")) == {"Miến dong Tài Hoan", "Miến dong Côn Minh"}


def test_d_with_stroke_matches_plain_d(backend):
    assert backend.titles("ruou dong dao don den")[0] == "Rượu dong đào Đồn Đèn"
    assert backend.titles("Đồn Đèn")[0] == "Rượu dong đào Đồn Đèn"
    assert "Bánh trôi chợ Đồn" in backend.titles("cho don")


def test_typo_still_finds_the_product(backend):
    assert backend.titles("mat ong")[0] == "Mật ong rừng Ba Bể"
    results = backend.search("mat ongg")
    assert results.total >= 1
    assert backend.titles("mat ongg")[0] == "Mật ong rừng Ba Bể"


def test_did_you_mean_when_nothing_matches(backend):
    results = backend.search("mien dong tai hoan xyzw qqqq")
    assert results.total == 0
    assert results.suggestion == "Miến dong Tài Hoan"


def test_matches_producer_and_district_names(backend):
    assert "Gừng đen Bạch Thông" in backend.titles("bach thong")
    assert set(backend.titles("na ri")) == {"Miến dong Tài Hoan", "Miến dong Côn Minh"}


def test_revoked_expired_and_future_certificates_are_never_returned(backend, catalogue):
    today = timezone.localdate()
    expired = searchable_product("Miến dong hết hạn", certified=False)
    OcopCertificateFactory(product=expired, stars=4, decision_date=today - datetime.timedelta(days=4 * 365))
    revoked = searchable_product("Miến dong bị thu hồi", certified=False)
    OcopCertificateFactory(product=revoked, stars=4, status="revoked")
    two_star = searchable_product("Miến dong hai sao", certified=False)
    OcopCertificateFactory(product=two_star, stars=2)
    future = searchable_product("Miến dong chưa hiệu lực", certified=False)
    OcopCertificateFactory(product=future, stars=3, decision_date=today + datetime.timedelta(days=3))
    searchable_product("Miến dong chưa chứng nhận", certified=False)
    backend.sync()
    found = backend.titles("mien dong")
    assert set(found) == {"Miến dong Tài Hoan", "Miến dong Côn Minh"}
    browse = backend.search("", per_page=100)
    assert browse.total == len(catalogue)
    assert all("Miến dong" not in t or t in found for t in backend.suggest("mien dong"))


def test_facet_counts_equal_the_filtered_result_counts(backend, catalogue):
    for text in ("", "bach thong"):
        results = backend.search(text, per_page=100)
        assert results.facets, text
        for facet in results.facets:
            for value in facet.values:
                key = value.key
                if facet.name in ("group", "subgroup", "stars"):
                    key = int(key)
                elif facet.name == "in_stock":
                    key = True
                filtered = backend.search(text, per_page=100, **{facet.name: key})
                assert filtered.total == value.count, (text, facet.name, value.label)


def test_facets_describe_the_catalogue(backend, catalogue):
    results = backend.search("", per_page=100)
    stars = {v.key: v.count for v in results.facet("stars").values}
    assert stars == {"5": 1, "4": 2, "3": 4}
    districts = {v.label: v.count for v in results.facet("district").values}
    assert districts == {"Na Rì": 2, "Chợ Đồn": 1, "Ba Bể": 2, "Bạch Thông": 2}
    groups = {v.label: v.count for v in results.facet("group").values}
    assert groups == {"Thực phẩm": 4, "Đồ uống": 2, "Dược liệu và sản phẩm từ dược liệu": 1}
    prices = {v.key: v.count for v in results.facet("price").values}
    assert prices == {"0-50000": 1, "50000-100000": 2, "100000-200000": 1, "200000-500000": 2, "500000-": 1}
    assert results.facet("in_stock").values[0].count == 6


def test_filters_combine_and_a_selected_facet_keeps_its_siblings(backend, catalogue):
    food = next(v for v in backend.search("").facet("group").values if v.label == "Thực phẩm")
    results = backend.search("", group=int(food.key), stars=3)
    assert results.total == 2  # Miến dong Côn Minh, Bánh trôi chợ Đồn
    stars = {v.key: (v.count, v.selected) for v in results.facet("stars").values}
    assert stars == {"5": (1, False), "4": (1, False), "3": (2, True)}
    sub = results.facet("subgroup")
    assert [(v.label, v.count) for v in sub.values] == [("Miến, bún", 1)]
    assert backend.titles("", group=int(food.key), in_stock=True, stars=3) == ["Bánh trôi chợ Đồn"]


def test_category_scope_includes_subcategories(backend, catalogue):
    from tests.factories import category

    food = category("Thực phẩm")
    assert backend.search("", category=food.pk).total == 4
    noodles = category("Thực phẩm > Miến, bún")
    assert set(backend.titles("", category=noodles.pk)) == {"Miến dong Tài Hoan", "Miến dong Côn Minh"}


def test_sorts(backend, catalogue):
    prices = [p.stockrecords.first().price for p in map(_product, backend.titles("", sort="price_asc", per_page=100))]
    assert prices == sorted(prices) and len(prices) == 7
    prices = [p.stockrecords.first().price for p in map(_product, backend.titles("", sort="price_desc", per_page=100))]
    assert prices == sorted(prices, reverse=True)
    assert backend.titles("", sort="stars")[0] == "Mật ong rừng Ba Bể"
    newest = searchable_product("Mật ong bạc hà Đồng Văn", days_old=10)
    backend.sync()
    assert backend.titles("", sort="newest")[0] == newest.title


def test_pagination(backend, catalogue):
    first = backend.search("", per_page=3, page=1, sort="price_asc")
    third = backend.search("", per_page=3, page=3, sort="price_asc")
    assert first.total == third.total == 7
    assert len(first.product_ids) == 3 and len(third.product_ids) == 1
    assert not set(first.product_ids) & set(third.product_ids)


def test_suggestions_as_you_type(backend, catalogue):
    assert set(backend.suggest("mien d")) == {"Miến dong Tài Hoan", "Miến dong Côn Minh"}
    assert backend.suggest("banh tr") == ["Bánh trôi chợ Đồn"]
    assert backend.suggest("Mật") == ["Mật ong rừng Ba Bể"]
    assert backend.suggest("zzzz") == []


def test_updates_are_visible_after_a_save(backend, catalogue, django_capture_on_commit_callbacks):
    product = catalogue["gung"]
    with django_capture_on_commit_callbacks(execute=True):
        product.title = "Gừng đen Na Rì đặc sản"
        product.save()
    backend.refresh()
    assert backend.titles("gung den na ri")[0] == "Gừng đen Na Rì đặc sản"
    record = catalogue["mien_other"].stockrecords.first()
    with django_capture_on_commit_callbacks(execute=True):
        record.num_in_stock = 5
        record.price = Decimal("40000")
        record.save()
    backend.refresh()
    assert "Miến dong Côn Minh" in backend.titles("", in_stock=True, per_page=100)
    assert "Miến dong Côn Minh" in backend.titles("", price="0-50000")
    certificate = catalogue["mat_ong"].ocop_certificates.get()
    with django_capture_on_commit_callbacks(execute=True):
        certificate.status = "revoked"
        certificate.save()
    backend.refresh()
    # Still matches the producer "Tổ hợp tác Mật ong Ba Bể"'s other product, never the revoked one.
    assert "Mật ong rừng Ba Bể" not in backend.titles("mat ong rung")
    assert "Mật ong rừng Ba Bể" not in backend.suggest("mat ong")
    assert backend.search("", per_page=100).total == 6


def test_unknown_filter_values_return_nothing_instead_of_failing(backend, catalogue):
    assert backend.search("", price="1-2").total == 0
    assert backend.search("", district="Không có").total == 0
    assert set(FILTERS) >= {"group", "subgroup", "stars", "district", "producer", "price", "in_stock"}


def _product(title):
    from catalogue.models import Product

    return Product.objects.get(title=title)
