"""What the search page and the catalogue pages share: backend call, facets as links, pagination."""
import logging

from django.conf import settings
from django.core.paginator import Paginator
from django.http import QueryDict
from django.views.generic import TemplateView

from search.backends import get_backend
from search.backends.base import FILTERS, SORTS
from search.forms import SearchForm
from search.selectors import products_in_order

logger = logging.getLogger(__name__)


class HitPage:
    """A sequence of `total` hits of which only the current page's products are loaded."""

    def __init__(self, products, total, offset):
        self.products, self.total, self.offset = products, total, offset

    def __len__(self):
        return self.total

    def count(self):
        return self.total

    def __getitem__(self, item):
        return self.products


def page_number(request):
    try:
        return max(int(request.GET.get("page", 1)), 1)
    except (TypeError, ValueError):
        return 1


def url_with(request, drop=(), **changes):
    """The current query string with some parameters replaced or removed (page always reset)."""
    params = QueryDict(mutable=True)
    for key, values in request.GET.lists():
        if key not in drop and key not in changes and key != "page":
            params.setlist(key, values)
    for key, value in changes.items():
        if value not in (None, ""):
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


class SearchBackendView(TemplateView):
    per_page = getattr(settings, "OSCAR_PRODUCTS_PER_PAGE", 24)
    category = None

    def get_query(self, form):
        return form.to_query(
            page=page_number(self.request), per_page=self.per_page, category=self.category.pk if self.category else None
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request = self.request
        form = SearchForm(request.GET)
        query = self.get_query(form)
        backend = get_backend()
        results = backend.search(query)
        if query.page > 1 and not results.product_ids and results.total:
            # Past the last page (a shared link after the catalogue shrank): show the last one.
            last = (results.total - 1) // query.per_page + 1
            query = query.__class__(**{**query.__dict__, "page": last})
            results = backend.search(query)
        products = products_in_order(results.product_ids)
        paginator = Paginator(HitPage(products, results.total, query.offset), query.per_page, allow_empty_first_page=True)
        page_obj = paginator.get_page(query.page)
        context.update(
            form=form,
            query=query,
            results=results,
            products=products,
            paginator=paginator,
            page_obj=page_obj,
            is_paginated=paginator.num_pages > 1,
            facets=self.facet_links(results),
            active_filters=self.active_filters(query, results),
            sort_links=[
                {"key": key, "label": label, "url": url_with(request, sort=key), "selected": key == query.sort}
                for key, label in SORTS.items()
                if key != "relevance" or query.text
            ],
            clear_url=url_with(request, drop=FILTERS),
            corrected_url=url_with(request, q=results.corrected_text) if results.corrected_text else "",
            suggestion_url=url_with(request, drop=FILTERS, q=results.suggestion) if results.suggestion else "",
        )
        return context

    def facet_links(self, results):
        facets = []
        for facet in results.facets:
            if not facet.values:
                continue
            values = []
            for value in facet.values:
                if value.selected:
                    url = url_with(self.request, drop=(facet.name, "subgroup") if facet.name == "group" else (facet.name,))
                else:
                    url = url_with(self.request, **{facet.name: value.key})
                values.append({"key": value.key, "label": value.label, "count": value.count, "selected": value.selected, "url": url})
            facets.append({"name": facet.name, "label": facet.label, "values": values})
        return facets

    def active_filters(self, query, results):
        chips = []
        labels = {}
        for facet in results.facets:
            for value in facet.values:
                labels[(facet.name, value.key)] = value.label
        for name, value in query.active_filters().items():
            key = "1" if value is True else str(value)
            drop = (name, "subgroup") if name == "group" else (name,)
            chips.append({"name": name, "label": labels.get((name, key), key), "url": url_with(self.request, drop=drop)})
        return chips
