"""`{% order_gift_baskets_panel order %}`: an ordered gift basket's components, packaging and card message."""
from django import template

register = template.Library()


@register.inclusion_tag("gift_baskets/_order_gift_baskets.html")
def order_gift_baskets_panel(order):
    from gift_baskets.selectors import order_gift_baskets

    return {"order": order, "gift_baskets": order_gift_baskets(order)}
