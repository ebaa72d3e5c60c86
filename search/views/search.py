"""`/search/?q=`: products through the search backend, programme news through Wagtail's search."""
import logging

from django.utils.translation import gettext_lazy as _

from search.views.base import SearchBackendView

logger = logging.getLogger(__name__)


def programme_pages(text, limit=5):
    """Live public Wagtail pages (programme news, events) matching the text, via Wagtail's search."""
    if not text:
        return []
    from wagtail.models import Page

    try:
        return list(Page.objects.live().public().filter(depth__gt=2).specific().search(text)[:limit])
    except Exception as exc:  # Wagtail's index missing must not break product search
        logger.warning("search: Wagtail page search failed: %s", exc)
        return []


class FacetedSearchView(SearchBackendView):
    template_name = "oscar/search/results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = _("Tìm kiếm")
        context["pages"] = programme_pages(context["query"].text)
        return context
