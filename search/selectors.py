from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")


def browsable_products():
    """Public products shoppers can browse, newest first, with what cards display."""
    return (
        Product.objects.browsable()
        .filter(is_public=True)
        .select_related("product_class")
        .prefetch_related("images", "stockrecords", "categories")
        .order_by("-date_created", "-pk")
    )
