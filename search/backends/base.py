"""The search contract both backends honour.

A `SearchQuery` (text, filters, sort, page) goes in; `SearchResults` (ordered product
ids for the page, the total, facets whose counts equal what each choice would return,
a "did you mean" correction) come out. Only products on sale are ever returned: each
backend puts the OCOP gate into its query.
"""
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

SORTS = {
    "relevance": _("Phù hợp nhất"),
    "newest": _("Mới nhất"),
    "price_asc": _("Giá thấp đến cao"),
    "price_desc": _("Giá cao đến thấp"),
    "stars": _("Nhiều sao nhất"),
}

# VND bands for OCOP products (most sell between 50.000 ₫ and 500.000 ₫).
PRICE_BANDS = [
    ("0-50000", None, Decimal("50000"), _("Dưới 50.000 ₫")),
    ("50000-100000", Decimal("50000"), Decimal("100000"), _("50.000 – 100.000 ₫")),
    ("100000-200000", Decimal("100000"), Decimal("200000"), _("100.000 – 200.000 ₫")),
    ("200000-500000", Decimal("200000"), Decimal("500000"), _("200.000 – 500.000 ₫")),
    ("500000-", Decimal("500000"), None, _("Từ 500.000 ₫")),
]
PRICE_BAND_KEYS = [band[0] for band in PRICE_BANDS]

# Facet fields in display order; each is also a filter of the same name.
FACETS = {
    "group": _("Nhóm sản phẩm"),
    "subgroup": _("Nhóm con"),
    "stars": _("Hạng sao OCOP"),
    "district": _("Huyện"),
    "producer": _("Nhà sản xuất"),
    "price": _("Khoảng giá"),
    "in_stock": _("Tình trạng"),
}
FILTERS = tuple(FACETS)


def price_band(key):
    for band in PRICE_BANDS:
        if band[0] == key:
            return band
    return None


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    group: int | None = None  # top-level category (OCOP product group) pk
    subgroup: int | None = None  # second-level category pk
    stars: int | None = None
    district: str = ""
    producer: str = ""  # producer profile slug
    price: str = ""  # a PRICE_BANDS key
    in_stock: bool = False
    category: int | None = None  # fixed scope of a category page (not a facet)
    sort: str = "relevance"
    page: int = 1
    per_page: int = 24

    def without(self, name):
        """The same query without one filter (what that facet's counts are computed on)."""
        empty = {"district": "", "producer": "", "price": "", "in_stock": False}.get(name)
        changes = {name: empty}
        if name == "group":
            changes["subgroup"] = None
        return replace(self, **changes)

    def with_filter(self, name, value):
        return replace(self, **{name: value, "page": 1})

    @property
    def offset(self):
        return (max(self.page, 1) - 1) * self.per_page

    def active_filters(self):
        return {name: getattr(self, name) for name in FILTERS if getattr(self, name) not in (None, "", False)}


@dataclass
class FacetValue:
    key: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Facet:
    name: str
    label: str
    values: list = field(default_factory=list)


@dataclass
class SearchResults:
    product_ids: list
    total: int
    facets: list = field(default_factory=list)
    # The query actually run when the shopper's text matched nothing but a
    # correction did ("mat ongg" → "mat ong"); empty otherwise.
    corrected_text: str = ""
    # "Did you mean" when nothing matched, even after correction.
    suggestion: str = ""
    backend: str = ""

    def facet(self, name):
        return next((facet for facet in self.facets if facet.name == name), None)


@dataclass
class Suggestion:
    title: str
    url: str
    product_id: int


class SearchBackend:
    name = "base"

    def search(self, query: SearchQuery) -> SearchResults:  # pragma: no cover - interface
        raise NotImplementedError

    def suggest(self, prefix: str, limit: int = 8) -> list:  # pragma: no cover - interface
        raise NotImplementedError
