"""`/search/?q=`: products through the search backend, programme news through Wagtail's search."""
import logging

from django.utils.translation import gettext_lazy as _

from search.views.base import SearchBackendView

logger = logging.getLogger(__name__)


def programme_pages(text, limit=5):
    """Programme news, events and pages matching the text (the CMS app's Wagtail search)."""
    if not text:
        return []
    from cms.selectors import search_pages

    from django.db import transaction

    try:
        with transaction.atomic():  # a savepoint: a failed query must not poison the request's transaction
            return search_pages(text, limit=limit)
    except Exception as exc:  # a missing Wagtail index must not break product search
        logger.warning("search: Wagtail page search failed: %s", exc)
        return []


class FacetedSearchView(SearchBackendView):
    template_name = "oscar/search/results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = _("Tìm kiếm")
        context["pages"] = programme_pages(context["query"].text)
        return context
