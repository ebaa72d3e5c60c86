"""Issue 17 §4 (ASVS V14.4.3): the anonymous page cache (cms/cache.py) must not hand one CSP nonce to
every visitor: a known nonce would let injected markup run on other visitors' pages.

Checked with the real middleware pair (page cache outside, django-csp inside, as in MIDDLEWARE) and a
cacheable page whose inline script carries the nonce: three anonymous visitors get three different
nonces, and each page's script carries the nonce of its own Content-Security-Policy header. (Today's
public templates use no nonce; the dashboard's do, and a portal block may.)"""
import re

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory

from cms.cache import AnonymousPageCacheMiddleware, mark_cacheable
from marketplace.security import SiteCSPMiddleware


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def portal_page(request):
    mark_cacheable(request)
    return HttpResponse(f'<p>Trang</p><script nonce="{request.csp_nonce}">go()</script>', content_type="text/html")


def test_each_visitor_of_a_cached_page_gets_its_own_nonce():
    stack = AnonymousPageCacheMiddleware(SiteCSPMiddleware(portal_page))
    responses = [stack(RequestFactory().get("/gioi-thieu/")) for _ in range(3)]
    assert [r["X-Portal-Cache"] for r in responses] == ["miss", "hit", "hit"]
    seen = []
    for response in responses:
        header = re.findall(r"'nonce-([^']+)'", response["Content-Security-Policy"])
        page = re.findall(r'nonce="([^"]+)"', response.content.decode())
        assert len(header) == 1 and page == header, "the page's script uses its own header's nonce"
        seen.append(header[0])
    assert len(set(seen)) == 3
