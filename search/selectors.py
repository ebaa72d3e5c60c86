from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")


def browsable_products():
    """Certified public products shoppers can browse, newest first, with what cards display."""
    return (
        Product.objects.browsable()
        .certified()
        .select_related("product_class")
        .prefetch_related("images", "stockrecords", "categories", "ocop_certificates")
        .order_by("-date_created", "-pk")
    )
