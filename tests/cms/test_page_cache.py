"""The anonymous page cache: a cached home page costs no SQL; publishing or a product change purges it."""
import re

import pytest
from django.core.cache import cache
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalogue.models import OcopCertificate
from tests.factories import UserFactory, product_on_sale
from tests.factories.cms import news_page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def get_counting_queries(client, path):
    with CaptureQueriesContext(connections["default"]) as queries:
        response = client.get(path)
    return response, len(queries)


def test_cached_home_page_is_served_without_sql():
    product_on_sale(title="Miến dong Tài Hoan")
    visitor = Client()
    first, first_queries = get_counting_queries(visitor, "/")
    assert first.status_code == 200 and first["X-Portal-Cache"] == "miss"
    assert not first.cookies, "a cacheable page must not set cookies (CSRF, session)"
    assert first_queries > 0

    other_visitor = Client()
    second, second_queries = get_counting_queries(other_visitor, "/")
    assert second["X-Portal-Cache"] == "hit"
    assert second_queries == 0
    # Same page; only the CSP nonce differs (each hit gets its own: issue 17 §4).
    assert re.sub(rb'nonce="[^"]*"', b"", second.content) == re.sub(rb'nonce="[^"]*"', b"", first.content)
    assert "Miến dong Tài Hoan" in second.content.decode()


def test_languages_are_cached_separately():
    Client().get("/")
    english = Client().get("/en/")
    assert english["X-Portal-Cache"] == "miss"
    assert '<html lang="en"' in english.content.decode()
    assert '<html lang="vi"' in Client().get("/").content.decode()


def test_publishing_a_page_purges_the_cache():
    assert Client().get("/")["X-Portal-Cache"] == "miss"
    assert Client().get("/")["X-Portal-Cache"] == "hit"
    news_page(title="Hội chợ OCOP cuối năm")
    response = Client().get("/")
    assert response["X-Portal-Cache"] == "miss"
    assert "Hội chợ OCOP cuối năm" in response.content.decode()


def test_revoking_a_product_purges_the_cache():
    product = product_on_sale(title="Rượu mơ Asuka")
    assert "Rượu mơ Asuka" in Client().get("/").content.decode()
    assert Client().get("/")["X-Portal-Cache"] == "hit"
    certificate = OcopCertificate.objects.get(product=product)
    certificate.status = OcopCertificate.Status.REVOKED
    certificate.revoked_at = timezone.now()
    certificate.save()
    response = Client().get("/")
    assert response["X-Portal-Cache"] == "miss"
    assert "Rượu mơ Asuka" not in response.content.decode()


def test_signed_in_users_and_shop_pages_are_not_cached(client):
    client.force_login(UserFactory())
    assert "X-Portal-Cache" not in client.get("/")
    assert "X-Portal-Cache" not in Client().get("/catalogue/")


def test_a_page_holding_a_csrf_token_is_never_stored(rf):
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    from cms.cache import AnonymousPageCacheMiddleware, mark_cacheable

    request = rf.get("/", HTTP_COOKIE="csrftoken=" + "a" * 32)
    request.COOKIES["csrftoken"] = "a" * 32
    mark_cacheable(request)
    response = HttpResponse("<p>ok</p>", content_type="text/html; charset=utf-8")
    assert AnonymousPageCacheMiddleware.storable(request, response)
    request.META["CSRF_COOKIE"] = "a" * 32
    get_token(request)  # a template rendered {% csrf_token %}
    assert not AnonymousPageCacheMiddleware.storable(request, response)
