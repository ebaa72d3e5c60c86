"""What gets indexed for a product: one description shared by both backends."""
from django.utils.html import strip_tags

from marketplace.content_language import canonical_language
from search.folding import fold, normalise


def producer_profile(product):
    """The producer behind the product's first stock record (the one the Strategy sells)."""
    records = list(product.stockrecords.all())
    if not records:
        return None, None
    partner = records[0].partner
    return partner, getattr(partner, "producer_profile", None)


def product_search_data(product):
    """The Vietnamese text of the product (never the indexing request's language): both
    backends match folded Vietnamese, so "mat ong" finds "Mật ong" from /en/ too."""
    with canonical_language():
        return _product_search_data(product)


def _product_search_data(product):
    partner, profile = producer_profile(product)
    categories = list(product.categories.all())
    names = [category.name for category in categories]
    parts = [product.title, " ".join(names)]
    if partner is not None:
        parts.append(partner.name)
    if profile is not None:
        parts += [profile.district, profile.commune]
    parts.append(strip_tags(product.description or "")[:2000])
    text = " ".join(part for part in parts if part)
    records = list(product.stockrecords.all())
    record = records[0] if records else None
    product_class = product.get_product_class()
    track_stock = product_class.track_stock if product_class else True
    certificate = product.current_certificate()
    return {
        "title": product.title,
        # Stars of today's certificate, price and stock of the record the Strategy sells:
        # refreshed by signals when a certificate, stock record or product is saved. The
        # on-sale gate itself is never stored: every query evaluates it for today.
        "stars": certificate.stars if certificate else None,
        "price": record.price if record else None,
        "in_stock": (not track_stock) or bool(record and (record.net_stock_level or 0) > 0),
        "title_folded": f" {fold(product.title)} ",
        "title_normal": f" {normalise(product.title)} ",
        "text": text,
        "text_folded": f" {fold(text)} ",
        "district": (profile.district if profile else "") or "",
        "producer_slug": (profile.slug if profile else "") or "",
        "producer_name": (partner.name if partner else "") or "",
        "categories": categories,
    }
