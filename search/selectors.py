from django.db.models import Exists, OuterRef, Prefetch
from oscar.core.loading import get_model

from ocop.selectors import on_sale_products  # the one "products on sale" selector


def browsable_products():
    """Certified public products shoppers can browse, newest first, with what cards display.

    Lean on purpose (a listing page builds 24 of them on every request): Oscar's option
    annotations (`has_options`, no option rows), stock records with their producer in one
    query, images and certificates. Pages that need more prefetch it themselves.
    """
    Option = get_model("catalogue", "Option")
    StockRecord = get_model("partner", "StockRecord")
    return (
        on_sale_products()
        .select_related("product_class")
        .annotate(
            has_product_class_options=Exists(Option.objects.filter(productclass=OuterRef("product_class"))),
            has_product_options=Exists(Option.objects.filter(product=OuterRef("pk"))),
        )
        .prefetch_related(
            Prefetch("stockrecords", queryset=StockRecord.objects.select_related("partner__producer_profile")),
            "images",
            "ocop_certificates",
        )
        .order_by("-date_created", "-pk")
    )


def products_in_order(product_ids):
    """The products for a page of search hits, in the hits' order, in a constant number of queries.

    The gate is applied again: a hit from a stale index is dropped, never shown.
    """
    by_pk = {product.pk: product for product in browsable_products().filter(pk__in=product_ids)}
    return [by_pk[pk] for pk in product_ids if pk in by_pk]


def more_like(product, *, partner=None, limit=4):
    """The product page's two rows: other products on sale from the same producer, and from
    the same group (first category), each without the product itself. Two queries plus the
    listing prefetches; the cards come from the card cache."""
    from django.db.models import Q

    category = product.get_categories().first()
    match = Q(stockrecords__partner=partner) if partner is not None else Q(pk__in=[])
    if category is not None:
        match |= Q(categories=category)
    # One query for both rows (plus the listing's prefetches): the newest of each kind.
    candidates = list(browsable_products().exclude(pk=product.pk).filter(match).distinct()[: limit * 6])
    partner_id = getattr(partner, "pk", None)
    from_producer = [p for p in candidates if any(r.partner_id == partner_id for r in p.stockrecords.all())]
    same_producer = from_producer[:limit]
    # The others matched on the category (a producer's own products are shown in the row above).
    same_group = [p for p in candidates if p not in from_producer][:limit] if category is not None else []
    return {"same_producer": same_producer, "same_group": same_group, "category": category, "all": same_producer + same_group}
