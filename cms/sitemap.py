"""`/sitemap.xml`: portal pages, products on sale, storefronts and sales points, each with
its Vietnamese and English address (hreflang alternates)."""
from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils import translation
from django.views.decorators.cache import cache_page
from wagtail.models import Site


def _absolute(request, location):
    return location if location.startswith("http") else request.build_absolute_uri(location)


def _entry(request, location, lastmod=None):
    with translation.override(settings.LANGUAGE_CODE):
        location = _absolute(request, location)
        alternates = [(code, translate_url(location, code)) for code, _name in settings.LANGUAGES]
    return {"location": location, "lastmod": lastmod, "alternates": alternates}


def page_entries(request):
    site = Site.find_for_request(request)
    if site is None:
        return []
    pages = site.root_page.get_descendants(inclusive=True).live().public().specific()
    entries = []
    with translation.override(settings.LANGUAGE_CODE):
        for page in pages:
            url = page.get_url(request=request, current_site=site)
            if url:
                entries.append(_entry(request, url, page.last_published_at))
    return entries


def product_entries(request):
    from search.selectors import browsable_products

    with translation.override(settings.LANGUAGE_CODE):
        return [_entry(request, product.get_absolute_url(), product.date_updated) for product in browsable_products()]


def storefront_entries(request):
    """Storefronts and recognised sales points, when those apps serve them."""
    from django.urls import NoReverseMatch, reverse

    entries = []
    try:
        from shops.selectors import producer_directory

        with translation.override(settings.LANGUAGE_CODE):
            for profile in producer_directory():
                entries.append(_entry(request, reverse("shops:detail", args=[profile.slug])))
    except (ImportError, NoReverseMatch):
        pass
    try:
        from sales_points.selectors import directory

        with translation.override(settings.LANGUAGE_CODE):
            for point in directory():
                entries.append(_entry(request, point.get_absolute_url()))
    except (ImportError, NoReverseMatch):
        pass
    return entries


@cache_page(60 * 15)
def sitemap(request):
    entries = page_entries(request) + product_entries(request) + storefront_entries(request)
    xml = render_to_string("cms/sitemap.xml", {"entries": entries})
    return HttpResponse(xml, content_type="application/xml; charset=utf-8")
