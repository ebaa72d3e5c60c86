"""Template tags other pages use to show sales points.

Product page:  {% load sales_points_tags %}{% buy_in_person product %}
Storefront:    {% load sales_points_tags %}{% producer_sales_points partner %}
"""
from django import template

from sales_points import selectors

register = template.Library()

SESSION_ORIGIN_KEY = "sales_points_origin"


def origin_from_request(request):
    """The visitor's location, only if they shared it (near me on the directory, or ?lat=&lng=)."""
    if request is None:
        return None
    origin = selectors.parse_origin(request.GET.get("lat"), request.GET.get("lng"))
    if origin is None and hasattr(request, "session"):
        saved = request.session.get(SESSION_ORIGIN_KEY)
        if saved:
            origin = selectors.parse_origin(*saved)
    return origin


@register.inclusion_tag("sales_points/partials/buy_in_person.html", takes_context=True)
def buy_in_person(context, product, limit=5):
    """'Mua trực tiếp tại': recognised points listing the product in stock, nearest first when known."""
    origin = origin_from_request(context.get("request"))
    points = selectors.points_stocking_product(product, origin=origin)
    return {"points": points[:limit], "more": max(0, len(points) - limit), "product": product, "origin": origin}


@register.inclusion_tag("sales_points/partials/producer_points.html")
def producer_sales_points(partner):
    return {"points": selectors.points_for_partner(partner)}


@register.simple_tag
def pickup_qr(code, scale=4):
    """The pick-up code as a QR (the code itself: the counter's scanner reads it back)."""
    from django.utils.safestring import mark_safe

    from ocop.qr import qr_svg_inline

    return mark_safe(qr_svg_inline(code, scale=scale))
