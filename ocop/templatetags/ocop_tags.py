"""OCOP facts for product pages and product cards."""
from django import template
from django.utils.formats import number_format
from oscar.core.loading import get_model

from catalogue import cards
from ocop import selectors

register = template.Library()
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")

CARD_CACHE = "_ocop_card_producers"


@register.simple_tag(takes_context=True)
def product_card(context, product):
    """A listing card (Oscar's `render_product`), cached per version of its rows."""
    return cards.render_card(context, product)


@register.simple_tag
def product_ocop_facts(product):
    """Computed once per product object, however many template blocks ask."""
    facts = getattr(product, "_ocop_facts", None)
    if facts is None:
        facts = product._ocop_facts = selectors.product_ocop_facts(product)
    return facts


@register.simple_tag(takes_context=True)
def ocop_card(context, product):
    """Stars and producer for a listing card.

    Uses the stock records' partners when the listing prefetched them; otherwise the producers
    of every product on the page are loaded in one query on the first card, so a page of 24
    cards costs the same number of queries whatever the size of the catalogue.
    """
    request = context.get("request")
    cache = getattr(request, CARD_CACHE, None) if request is not None else None
    if cache is None:
        cache = {}
        if request is not None:
            setattr(request, CARD_CACHE, cache)
    record = _first_record(product)
    if record is None:
        partner = None
    elif StockRecord.partner.is_cached(record):  # the listing prefetched it
        partner = record.partner
    else:
        if record.partner_id not in cache:
            page_products = context.get("products") or []
            wanted = {record.partner_id}
            wanted |= {r.partner_id for r in map(_first_record, page_products) if r is not None}
            wanted -= set(cache)
            for loaded in Partner.objects.filter(pk__in=wanted).select_related("producer_profile"):
                cache[loaded.pk] = loaded
        partner = cache.get(record.partner_id)
    profile = getattr(partner, "producer_profile", None) if partner is not None else None
    certificate = product.current_certificate() if hasattr(product, "current_certificate") else None
    return {"certificate": certificate, "partner": partner, "profile": profile}


def _first_record(product):
    records = sorted(product.stockrecords.all(), key=lambda record: record.pk)
    return records[0] if records else None


@register.inclusion_tag("catalogue/partials/stars.html")
def ocop_stars(stars, size=""):
    stars = int(stars or 0)
    return {"stars": stars, "filled": range(stars), "empty": range(5 - stars), "size": size}


@register.simple_tag(takes_context=True)
def shop_url(context, profile):
    """The producer's storefront URL when the shops app serves it, else ''."""
    from django.urls import NoReverseMatch, reverse

    if profile is None:
        return ""
    try:
        return reverse("shops:detail", kwargs={"slug": profile.slug})
    except NoReverseMatch:
        return ""


@register.filter
def on_sale(product):
    """`{% if product|on_sale %}`: the OCOP gate as the Strategy reads it (marketplace.partner.strategy)."""
    from marketplace.partner.strategy import is_on_sale

    return is_on_sale(product)


@register.simple_tag
def claim_held(obj, field):
    """True while the field's text waits for staff review (a forbidden health claim): not shown."""
    from ocop import claims

    # Asked by more than one block of a page (meta description, description): once per object.
    held = obj.__dict__.setdefault("_claims_held", {}) if hasattr(obj, "__dict__") else {}
    if field not in held:
        held[field] = claims.is_held(obj, field)
    return held[field]


@register.simple_tag
def more_like(product, partner=None):
    """Other products on sale from the same producer and the same group (search.selectors)."""
    from search.selectors import more_like as select

    return select(product, partner=partner)


@register.filter
def compact_count(value):
    """Counts as marketplaces show them under a card: 950, 1,2k, 12k (the decimal separator of
    the active language)."""
    value = int(value or 0)
    if value < 1000:
        return str(value)
    thousands = value / 1000
    return number_format(thousands, 1 if thousands < 10 else 0) + "k"


@register.simple_tag
def product_units_sold(product):
    """Units sold of one product (its page); listing cards get theirs in one query per page."""
    from marketplace.order.selectors import units_sold

    return units_sold([product.pk]).get(product.pk, 0)


@register.simple_tag
def shown_catalogue_version():
    """The version part of a `{% cache %}` fragment key for what a page shows of the catalogue: the
    generation that saving a product, stock, certificate or page bumps (cms.cache), today's date
    (certificates lapse at midnight) and the language."""
    from django.utils import timezone, translation

    from cms.cache import generation

    return f"{generation()}:{timezone.localdate().isoformat()}:{translation.get_language()}"
