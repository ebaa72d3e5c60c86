"""Reads the portal pages need from the shop."""
from oscar.core.loading import get_model

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")


def product_groups():
    """The six OCOP product groups are the catalogue's top-level categories."""
    return Category.get_root_nodes().filter(is_public=True)


def latest_products(*, limit):
    from search.selectors import browsable_products

    return browsable_products()[:limit]
