"""Template tags other apps use to show portal content on their pages.

    {% load cms_tags %}
    {% related_news product=product %}     on a product page
    {% related_news partner=partner %}     on a producer's storefront
"""
from django import template
from django.conf import settings
from django.urls import translate_url

from cms import selectors

register = template.Library()


@register.inclusion_tag("cms/partials/related_news.html")
def related_news(product=None, partner=None, limit=3):
    if product is not None:
        articles = selectors.news_for_product(product, limit=limit)
    elif partner is not None:
        articles = selectors.news_for_partner(partner, limit=limit)
    else:
        articles = []
    return {"related_news": articles}


@register.inclusion_tag("cms/partials/seo.html", takes_context=True)
def page_meta(context, page=None, image=None, kind="website", description=""):
    """Open Graph tags, the canonical address and hreflang alternates (vi at /, en at /en/)."""
    request = context.get("request")
    page = page or context.get("page")
    current = request.build_absolute_uri(request.path) if request else ""
    alternates = [(code, translate_url(current, code)) for code, _name in settings.LANGUAGES] if current else []
    return {
        "request": request,
        "page": page,
        "image": image,
        "kind": kind,
        "description": description or getattr(page, "search_description", "") or getattr(page, "intro", ""),
        "canonical": current,
        "alternates": alternates,
        "default_url": alternates[0][1] if alternates else "",
        "site_name": context.get("shop_name", ""),
        "locale": "en_US" if getattr(request, "LANGUAGE_CODE", "vi") == "en" else "vi_VN",
    }
