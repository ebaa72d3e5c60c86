from wagtail import hooks
from wagtail.snippets.models import register_snippet

from cms.cache import mark_cacheable
from cms.choosers import product_chooser_viewset
from cms.models import NewsCategory


@hooks.register("register_admin_viewset")
def register_product_chooser():
    return product_chooser_viewset


register_snippet(NewsCategory)


@hooks.register("before_serve_page")
def allow_anonymous_cache(page, request, serve_args, serve_kwargs):
    """Public pages may be kept by the anonymous page cache (cms.cache); restricted ones never."""
    if not page.get_view_restrictions().exists():
        mark_cacheable(request)
