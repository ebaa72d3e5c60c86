"""Login throttling (django-axes) and the Content-Security-Policy (django-csp) glue.

Only configuration-level glue lives here; the throttling and the header are the libraries'.
"""
from functools import wraps

from axes.backends import AxesStandaloneBackend
from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.utils.decorators import method_decorator


class RequestAwareAxesBackend(AxesStandaloneBackend):
    """Axes' lockout check for every login made from a web request.

    Every login form of the site (shop, checkout gateway, Wagtail admin, Django admin) hands the
    request to ``authenticate()``; a call without one (the test client's ``login()``, a shell)
    is not a web login attempt, so it is left to the other backends instead of raising
    ``AxesBackendRequestParameterRequired``.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


# Back-office paths whose third-party templates (Wagtail admin, Django admin) carry inline
# scripts and preview iframes: they get a looser script policy and may frame themselves.
ADMIN_PATH_PREFIXES = ("/cms/", "/django-admin/")
ADMIN_POLICY_REPLACE = {
    "script-src": [SELF, UNSAFE_INLINE],
    "frame-ancestors": [SELF],
    "frame-src": [SELF],
    "img-src": [SELF, "data:", "blob:"],
}


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with a looser policy for the two admin sites.

    Storefront and dashboard pages get the strict policy of ``CONTENT_SECURITY_POLICY`` plus
    whatever a view adds with ``@csp_update``; ``/cms/`` and ``/django-admin/`` drop the nonce and
    allow inline scripts (a nonce would make browsers ignore ``'unsafe-inline'``).
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(ADMIN_PATH_PREFIXES):
            parts.replace = {**ADMIN_POLICY_REPLACE, **(parts.replace or {})}
        return parts


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the Vietnamese lockout page, status AXES_HTTP_RESPONSE_CODE (429)."""
    from axes.helpers import get_cool_off, get_failure_limit
    from django.conf import settings
    from django.shortcuts import render

    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "cooloff_minutes": max(1, int(cool_off.total_seconds() // 60)) if cool_off else None,
    }
    return render(request, "security/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)


def _csp_update_from_setting(setting_name):
    """A view decorator adding the sources in ``settings.<setting_name>`` with django-csp's
    ``csp_update``; read per request (so overrides apply) and usable on view classes too."""

    def decorator(view):
        if isinstance(view, type):
            return method_decorator(decorator, name="dispatch")(view)

        @wraps(view)
        def wrapped(request, *args, **kwargs):
            return csp_update(getattr(settings, setting_name))(view)(request, *args, **kwargs)

        return wrapped

    return decorator


#: Stripe's script, its frames and its API: only the card-payment page of checkout.
stripe_csp = _csp_update_from_setting("STRIPE_CSP")
#: OpenStreetMap tiles: only pages with a Leaflet map.
map_csp = _csp_update_from_setting("OSM_TILES_CSP")
#: LIVE_MEDIA_ORIGINS (HLS, embeds): only live viewer/host pages.
live_csp = _csp_update_from_setting("LIVE_CSP")


def axes_username(request, credentials=None):
    """AXES_USERNAME_CALLABLE: one key per account whether it signs in by e-mail (shop, checkout)
    or by username (Wagtail/Django admin), so failures add up per account and a successful
    login (which axes records under ``user.get_username()``) clears them."""
    from django.contrib.auth import get_user_model

    field = settings.AXES_USERNAME_FORM_FIELD
    value = (credentials or {}).get(field) if credentials else request.POST.get(field)
    if not value:
        return value
    if "@" in value:
        user = get_user_model()._default_manager.filter(email__iexact=value.strip()).order_by("pk").first()
        if user is not None:
            return user.get_username()
    return value.strip()


def reject_null_bytes(get_response):
    """A NUL byte in the query string (%00) is refused with 400 before any view sees it.

    PostgreSQL text cannot hold NUL, so a view filtering on such a parameter would fail with a
    500; form fields already refuse NUL in submitted data (Django's ProhibitNullCharactersValidator).
    """
    from django.http import HttpResponseBadRequest
    from django.utils.translation import gettext as _

    def middleware(request):
        if any("\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()):
            return HttpResponseBadRequest(
                _("Địa chỉ trang chứa ký tự không hợp lệ (ký tự NUL)."), content_type="text/plain; charset=utf-8"
            )
        return get_response(request)

    return middleware
