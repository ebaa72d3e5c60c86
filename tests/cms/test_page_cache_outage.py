"""Redis down: the anonymous page cache is skipped, so /healthz still answers 503 naming the
cache (found by benchmarks/faults.py redis: it was a 500 from the cache middleware)."""
import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_healthz_names_the_cache_when_redis_is_down(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert "cache" in response.json()["failing"]
