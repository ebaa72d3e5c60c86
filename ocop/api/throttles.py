"""Rate limits of the open data API: per address, and a higher one per API key staff issue."""
from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

API_KEY_HEADER = "HTTP_X_API_KEY"
DEFAULT_RATES = {"address": "120/min", "key": "1200/min"}


def api_key_of(request):
    """The active ApiKey sent in the X-API-Key header, or None (cached on the request)."""
    if not hasattr(request, "_open_data_key"):
        from ocop.models import ApiKey

        raw = request.META.get(API_KEY_HEADER, "").strip()
        request._open_data_key = ApiKey.objects.filter(key=raw, is_active=True).first() if raw else None
    return request._open_data_key


def _rate(scope):
    return getattr(settings, "OPEN_DATA_API_RATES", {}).get(scope, DEFAULT_RATES[scope])


class AddressRateThrottle(SimpleRateThrottle):
    scope = "address"

    def get_rate(self):
        return _rate(self.scope)

    def get_cache_key(self, request, view):
        if api_key_of(request) is not None:
            return None
        return self.cache_format % {"scope": "open-data-address", "ident": self.get_ident(request)}


class ApiKeyRateThrottle(SimpleRateThrottle):
    scope = "key"

    def get_rate(self):
        return _rate(self.scope)

    def get_cache_key(self, request, view):
        key = api_key_of(request)
        if key is None:
            return None
        return self.cache_format % {"scope": "open-data-key", "ident": key.pk}
