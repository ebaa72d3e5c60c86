from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")


def on_sale_products():
    """The OCOP gate for listings: public, browsable products with a current certificate."""
    return Product.objects.browsable().certified()


def browsable_products():
    """Certified public products shoppers can browse, newest first, with what cards display."""
    # base_queryset(): Oscar's card needs (options annotations, stock records, images).
    return (
        Product.objects.base_queryset()
        .browsable()
        .certified()
        .prefetch_related("categories", "ocop_certificates", "stockrecords__partner__producer_profile")
        .order_by("-date_created", "-pk")
    )


def products_in_order(product_ids):
    """The products for a page of search hits, in the hits' order, in a constant number of queries.

    The gate is applied again: a hit from a stale index is dropped, never shown.
    """
    by_pk = {product.pk: product for product in browsable_products().filter(pk__in=product_ids)}
    return [by_pk[pk] for pk in product_ids if pk in by_pk]
