"""Anonymous page cache for the portal's Wagtail pages.

A visitor without a session, basket or pending messages gets a published portal page from the
cache, answered before the session, auth and basket middleware run: no SQL at all. Entries are
per language (from the URL prefix), per host and path, and per local date (certificates expire
by date). Publishing a page, or saving a product, its stock or certificate, bumps a generation
number that is part of every key, so all cached pages are dropped at once.
"""
import base64
import logging
import os

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone, translation

logger = logging.getLogger(__name__)
GENERATION_KEY = "portal-page-cache:generation"
CACHED_HEADERS = ("Content-Language", "Vary", "X-Frame-Options", "Content-Security-Policy")


def timeout():
    return int(getattr(settings, "PORTAL_PAGE_CACHE_SECONDS", 0) or 0)


def generation():
    return cache.get_or_set(GENERATION_KEY, 1, None)


def purge():
    """Drop every cached portal page (they all carry the old generation in their key)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)


def is_anonymous_visit(request):
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    personal = (settings.SESSION_COOKIE_NAME, "messages", getattr(settings, "OSCAR_BASKET_COOKIE_OPEN", "oscar_open_basket"))
    return not any(name in cookies for name in personal)


def cache_key(request):
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    today = timezone.localdate().isoformat()
    return f"portal-page:{generation()}:{language}:{today}:{request.get_host()}:{request.get_full_path()}"


def with_fresh_nonce(content, headers, nonce):
    """A cached page carries the CSP nonce of the visit that filled the cache; each hit gets a new
    one in the page and in its Content-Security-Policy header, so no visitor learns a nonce that
    is valid for another (issue 17 §4, ASVS V14.4.3)."""
    if not isinstance(nonce, str) or not nonce:
        return content, headers
    fresh = base64.b64encode(os.urandom(16)).decode("ascii")
    content = content.replace(f'nonce="{nonce}"'.encode(), f'nonce="{fresh}"'.encode())
    headers = [
        (header, value.replace(f"'nonce-{nonce}'", f"'nonce-{fresh}'") if header == "Content-Security-Policy" else value)
        for header, value in headers
    ]
    return content, headers


def mark_cacheable(request):
    request.portal_page_cacheable = True


class AnonymousPageCacheMiddleware:
    """Goes near the top of MIDDLEWARE (after WhiteNoise), before sessions and Oscar's basket."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = timeout()
        if not seconds or not is_anonymous_visit(request):
            return self.get_response(request)
        try:
            key = cache_key(request)
            cached = cache.get(key)
        except Exception as error:  # noqa: BLE001 - a cache outage (Redis down) is a miss, not a 500
            logger.warning("portal page cache unavailable: %s", error)
            return self.get_response(request)
        if cached is not None:
            content, headers = with_fresh_nonce(cached["content"], cached["headers"], cached.get("nonce"))
            response = HttpResponse(content, content_type=cached["content_type"])
            for header, value in headers:
                response[header] = value
            response["X-Portal-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self.storable(request, response):
            headers = [(header, response[header]) for header in CACHED_HEADERS if header in response]
            try:
                cache.set(
                    key,
                    {
                        "content": response.content, "content_type": response["Content-Type"], "headers": headers,
                        "nonce": getattr(request, "_csp_nonce", None),  # django-csp's nonce, if the page used it
                    },
                    seconds,
                )
            except Exception as error:  # noqa: BLE001
                logger.warning("portal page cache unavailable: %s", error)
            response["X-Portal-Cache"] = "miss"
        return response

    @staticmethod
    def storable(request, response):
        return (
            getattr(request, "portal_page_cacheable", False)
            and request.method == "GET"
            and response.status_code == 200
            and not response.streaming
            and not response.cookies  # e.g. a CSRF cookie: that page is personal
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # it holds a visitor's CSRF token
            and response.get("Content-Type", "").startswith("text/html")
            and not getattr(getattr(request, "user", None), "is_authenticated", False)
        )


def connect_purge_signals():
    """Purge on publishing and on changes of what the pages show (products, stock, certificates)."""
    from django.apps import apps
    from django.db import transaction
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished

    def on_change(sender, **kwargs):
        purge()
        transaction.on_commit(purge)  # and again once the change is visible to other requests

    page_published.connect(on_change, dispatch_uid="portal-cache-page-published")
    page_unpublished.connect(on_change, dispatch_uid="portal-cache-page-unpublished")
    watched = [
        ("wagtailcore", "Page"),
        ("catalogue", "Product"),
        ("catalogue", "Category"),
        ("catalogue", "OcopCertificate"),
        ("partner", "StockRecord"),
        ("cms", "NewsCategory"),
        ("cms", "OcopDocument"),
        ("livestream", "LiveSession"),
    ]
    for app_label, model_name in watched:
        model = apps.get_model(app_label, model_name)
        for signal in (post_save, post_delete):
            signal.connect(on_change, sender=model, weak=False, dispatch_uid=f"portal-cache-{app_label}-{model_name}-{signal!r}")


