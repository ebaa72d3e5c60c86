"""Reads the portal pages need from the shop and from the portal itself.

Shop data comes through the shop's own selectors, so the OCOP gate (only products
with a current certificate are on sale) is applied where it is defined.
"""
import datetime

from django.db import models
from django.utils import timezone
from oscar.core.loading import get_model

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")

def product_groups():
    """The six OCOP product groups are the catalogue's top-level categories."""
    return Category.get_root_nodes().filter(is_public=True)


def featured_products(chosen, *, limit, fill_with_latest=True):
    """The chosen products that are on sale now, in the editor's order; topped up with
    the newest products on sale when `fill_with_latest` (none chosen, or some revoked)."""
    from search.selectors import browsable_products

    chosen_ids = [product.pk for product in chosen]
    on_sale = {product.pk: product for product in browsable_products().filter(pk__in=chosen_ids)}
    products = [on_sale[pk] for pk in dict.fromkeys(chosen_ids) if pk in on_sale][:limit]
    if fill_with_latest and len(products) < limit and (not chosen_ids or len(products) < len(chosen_ids)):
        shown = [product.pk for product in products]
        products += list(browsable_products().exclude(pk__in=shown)[: limit - len(products)])
    return products


def listed_products(products):
    """Of `products`, those on sale, as listings show them (search.selectors.browsable_products)."""
    from search.selectors import browsable_products

    ids = [product.pk for product in products]
    return list(browsable_products().filter(pk__in=ids)) if ids else []


def listed_product(product):
    """The product as listings show it while on sale, else None."""
    found = listed_products([product])
    return found[0] if found else None


def producers_of(partners):
    """(partner, storefront profile or None) pairs for linking producers to their storefronts."""
    result = []
    for partner in partners.select_related("producer_profile") if hasattr(partners, "select_related") else partners:
        result.append({"partner": partner, "profile": getattr(partner, "producer_profile", None)})
    return result


# --- portal content -------------------------------------------------------------------


def news_index():
    from cms.models import NewsIndexPage

    return NewsIndexPage.objects.live().public().first()


def event_index():
    from cms.models import EventIndexPage

    return EventIndexPage.objects.live().public().first()


def published_news():
    from cms.models import NewsPage

    return NewsPage.objects.live().public().order_by("-date", "-first_published_at", "-pk")


def latest_news(*, limit=3):
    return list(published_news()[:limit])


def news_for_product(product, *, limit=3):
    """Published articles linked to a product (or showing it), newest first.

    For the product page: `{% load cms_tags %}{% related_news product=product %}`."""
    return list(published_news().filter(products=product).distinct()[:limit])


def news_for_partner(partner, *, limit=3):
    """Published articles linked to a producer (Oscar partner), newest first.

    For the storefront: `{% load cms_tags %}{% related_news partner=partner %}`."""
    return list(published_news().filter(partners=partner).distinct()[:limit])


def upcoming_events(*, limit=3):
    from cms.models import EventPage

    return list(EventPage.objects.live().public().filter(end__gte=timezone.now()).order_by("start", "pk")[:limit])


def live_sessions(*, limit=4):
    """Sessions live now, then upcoming ones, from the livestream app's own selectors."""
    from livestream.selectors import sessions_live, sessions_upcoming

    now = timezone.now()
    sessions = list(sessions_live()[:limit])
    if len(sessions) < limit:
        upcoming = sessions_upcoming().filter(scheduled_start__gte=now - datetime.timedelta(hours=2))
        sessions += list(upcoming[: limit - len(sessions)])
    return sessions


def programme_figures():
    """The home page's tiles: products on sale by star rank (one computation, in
    ocop.selectors), producers selling them, and the link to /ocop/ when served."""
    from django.urls import NoReverseMatch, reverse

    from ocop import selectors as catalogue_selectors

    today = timezone.localdate()
    stars = catalogue_selectors.star_figures(on=today)
    try:
        programme_url = reverse("ocop:programme")
    except NoReverseMatch:
        programme_url = ""
    return {
        "certified_products": stars["total"],
        "by_stars": stars["by_stars"],
        "producers": catalogue_selectors.on_sale_products(on=today)
        .values("stockrecords__partner")
        .exclude(stockrecords__partner=None)
        .distinct()
        .count(),
        "programme_url": programme_url,
    }


def star_criteria():
    """The 100-point scale: scoring parts A/B/C and the star bands with what each means."""
    from ocop import rules as ocop_rules
    from ocop.evaluation.models import Part
    from ocop.evaluation.rules import part_maxima
    from ocop.reference_data import ocop_facts

    scale = ocop_facts()["star_scale"]
    labels = dict(Part.choices)
    parts = [
        {"code": code, "label": str(labels.get(code, code)).split(" – ", 1)[-1], "points": points}
        for code, points in sorted(part_maxima().items())
    ]
    bands = []
    ordered = sorted(ocop_rules.STAR_BANDS, key=lambda band: band[1], reverse=True)
    for position, (stars, low, high) in enumerate(ordered):
        upper_exclusive = ordered[position - 1][1] if position else None
        bands.append(
            {
                "stars": stars,
                "low": low,
                "high": high,
                "upper_exclusive": upper_exclusive,
                "certified": ocop_rules.is_certified_rank(stars),
                "level": ocop_rules.issuing_level(stars) if ocop_rules.is_certified_rank(stars) else "",
            }
        )
    return {
        "max_points": scale.get("max_points", 100),
        "parts": parts,
        "bands": bands,
        "validity_months": ocop_rules.VALIDITY_MONTHS,
        "decision": "148/QĐ-TTg",
    }


def search_documents(*, query="", kind=""):
    """Documents, newest first, matched by Wagtail's search (title, number, issuer,
    summary) and, because full-text engines split numbers like "736/QĐ-UBND", by number."""
    from wagtail.documents import get_document_model
    from wagtail.search.backends import get_search_backend

    Document = get_document_model()
    documents = Document.objects.all()
    if kind:
        documents = documents.filter(kind=kind)
    if query:
        found = [document.pk for document in get_search_backend().search(query, documents)]
        documents = documents.filter(
            models.Q(pk__in=found) | models.Q(number__icontains=query) | models.Q(title__icontains=query)
        )
    return documents.order_by(models.F("issued_on").desc(nulls_last=True), "-pk")


def search_pages(query, *, limit=10):
    """Published portal pages (news, events, programme and policy pages) matching a query,
    through Wagtail's search backend; for the news-and-pages section of `/search/`."""
    from wagtail.models import Page

    query = (query or "").strip()
    if not query:
        return []
    pages = Page.objects.live().public().exclude(depth__lte=1).specific()
    return list(pages.search(query)[:limit])
