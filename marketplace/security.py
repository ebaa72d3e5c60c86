"""Login throttling (django-axes) and the Content-Security-Policy (django-csp) glue.

Only configuration-level glue lives here; the throttling and the header are the libraries'.
"""
import hashlib
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
        credentials = {settings.AXES_USERNAME_FORM_FIELD: username}
        if account_locked(request, credentials):
            # The account tier: locked whatever the address; AxesMiddleware renders the 429 page.
            from axes.exceptions import AxesBackendPermissionDenied

            request.axes_locked_out = True
            request.axes_account_locked = True
            request.axes_credentials = credentials
            raise AxesBackendPermissionDenied("Account locked after repeated failures from many addresses")
        return super().authenticate(request, username=username, password=password, **kwargs)


# --- Per-account tier (issue 17 §2) ----------------------------------------------------------
# Axes locks an (account, address) pair. An attacker with many addresses (or a forged one per try,
# before ipware read only what our proxy appends) stays under that limit, so failures are also
# counted per account, whatever the address: past AXES_ACCOUNT_FAILURE_LIMIT within
# AXES_COOLOFF_TIME the account is locked for everyone. So that an attacker cannot lock the real
# owner out, the lock lasts only AXES_COOLOFF_TIME, and the owner is sent a password-reset link
# once: the counter's key includes the stored password hash, so a reset opens the account at once.


def _account_key(request, credentials):
    from django.contrib.auth import get_user_model

    username = axes_username(request, credentials)
    if not username:
        return None, None
    User = get_user_model()
    user = User._default_manager.filter(**{f"{User.USERNAME_FIELD}__iexact": username}).order_by("pk").first()
    secret = user.password if user is not None else ""
    digest = hashlib.sha256(f"{username.lower()}\0{secret}".encode()).hexdigest()
    return f"login-account-failures:{digest}", user


def _account_window():
    cooloff = settings.AXES_COOLOFF_TIME
    return int(cooloff.total_seconds()) if cooloff else 15 * 60


def account_locked(request, credentials):
    from django.core.cache import cache

    key, _user = _account_key(request, credentials)
    return key is not None and (cache.get(key) or 0) >= settings.AXES_ACCOUNT_FAILURE_LIMIT


def account_failure_record(sender, credentials, request=None, **kwargs):
    """user_login_failed receiver: one more failure for the account; at the limit, mail the owner a
    password-reset link (the way back that no attacker can use)."""
    from django.core.cache import cache

    if request is None:
        return
    key, user = _account_key(request, credentials)
    if key is None:
        return
    cache.add(key, 0, _account_window())
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, _account_window())
        count = 1
    if count == settings.AXES_ACCOUNT_FAILURE_LIMIT and user is not None and user.is_active and user.email:
        _send_reset_link(request, user)


def _send_reset_link(request, user):
    """Oscar's password-reset e-mail (its PASSWORD_RESET templates), through the outbox: recorded now,
    sent by a worker; one per account and lock window."""
    import time

    from django.contrib.sites.shortcuts import get_current_site
    from oscar.apps.customer.utils import get_password_reset_url
    from oscar.core.loading import get_model

    from background.services import mail_enqueue

    messages = get_model("communication", "CommunicationEventType").objects.get_and_render(
        code="PASSWORD_RESET",
        context={"user": user, "site": get_current_site(request), "reset_url": get_password_reset_url(user),
                 "request": request},
    )
    window = int(time.time() // _account_window())
    mail_enqueue(
        key=f"login-account-locked:{user.pk}:{window}", to=user.email, subject=messages["subject"],
        body=messages["body"], html_body=messages.get("html", ""),
    )


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
    account = getattr(request, "axes_account_locked", False)
    context = {
        "account_locked": account,
        "failure_limit": settings.AXES_ACCOUNT_FAILURE_LIMIT if account else get_failure_limit(request, credentials),
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
