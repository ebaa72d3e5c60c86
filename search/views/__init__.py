"""Oscar finds this fork's view classes through get_class("search.views", ...)."""
from search.views.catalogue import CatalogueView, ProductCategoryView  # noqa: F401
from search.views.search import FacetedSearchView  # noqa: F401
