"""Listing cards rendered once per version of what they show, then served from the cache.

A listing page renders 24 cards (thumbnail, OCOP stars, producer, price, availability); rendering
them dominates the page's cost. A card's HTML is a pure function of the rows the listing already
prefetched, so its cache key is built from those rows: any change to the product, its stock
record (price, stock, allocations), its current certificate, its picture or its producer's name,
the language, the day (certificates lapse at midnight) or the units sold makes a new key; stale entries expire.
A cached card's add-to-basket button carries no CSRF token: it submits the listing's one
`card-add-form` (`oscar/catalogue/partials/card_add_form.html`), so a card holds nothing specific
to a visitor.
"""
import hashlib

from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from oscar.templatetags.product_tags import render_product

from marketplace.order.selectors import units_sold

CARD_TTL = 60 * 60
# The first cards of a page are above the fold on a phone: their pictures load at once.
EAGER_CARDS = 4
_REQUEST_CARDS = "_ocop_cached_cards"


def card_key(product, on=None, sold=0):
    on = on or timezone.localdate()
    certificate = product.current_certificate(on=on)
    records = [
        (r.pk, r.partner_id, getattr(r.partner, "name", "") if type(r).partner.is_cached(r) else "", str(r.price),
         r.num_in_stock, r.num_allocated, r.date_updated.isoformat() if r.date_updated else "")
        for r in product.stockrecords.all()
    ]
    images = [(image.pk, image.original.name) for image in product.images.all()]
    parts = (
        product.pk,
        product.date_updated.isoformat() if product.date_updated else "",
        records,
        (certificate.pk, certificate.stars, certificate.valid_until.isoformat()) if certificate else None,
        images,
        translation.get_language(),
        on.isoformat(),
        sold,
    )
    return "card:" + hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def render_card(context, product):
    """Oscar's `render_product` for this product, from the cache when its rows have not changed.

    The first card of a page fetches every card of the page in one cache round trip.
    """
    request = context.get("request")
    fetched = getattr(request, _REQUEST_CARDS, None) if request is not None else None
    if fetched is None:
        page = list(context.get("products") or [product])
        sold = units_sold([p.pk for p in page])
        keys = {p.pk: card_key(p, sold=sold.get(p.pk, 0)) for p in page}
        fetched = {"keys": keys, "sold": sold, "html": cache.get_many(list(keys.values()))}
        if request is not None:
            setattr(request, _REQUEST_CARDS, fetched)
    if product.pk not in fetched["keys"]:  # a card outside the page's list: its own lookups
        fetched["sold"].update(units_sold([product.pk]))
        fetched["keys"][product.pk] = card_key(product, sold=fetched["sold"].get(product.pk, 0))
    key = fetched["keys"][product.pk]
    html = fetched["html"].get(key)
    if html is None:
        with context.push(card_shared_form=True, card_sold=fetched["sold"].get(product.pk, 0)):
            html = render_product(context, product)
        cache.set(key, html, CARD_TTL)
        fetched["html"][key] = html
    eager = fetched.setdefault("eager", [p.pk for p in list(context.get("products") or [])[:EAGER_CARDS]] if context.get("eager_cards", True) else [])
    if product.pk in eager:
        html = html.replace('loading="lazy"', 'loading="eager" fetchpriority="high"', 1)
    return mark_safe(html)  # noqa: S308 - rendered by our own templates, escaped there
