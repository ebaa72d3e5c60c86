from django import template

register = template.Library()


@register.inclusion_tag("checkout/order_payment.html")
def order_payment_panel(order):
    from marketplace.checkout.views import order_payment_context

    return {"order": order, **order_payment_context(order)}


@register.inclusion_tag("checkout/order_parcels.html")
def order_parcels_panel(order):
    return {"order": order, "parcels": list(order.parcels.select_related("partner"))}


@register.filter
def status_shown(order):
    """The order as Oscar's own template blocks print it: the stored status code replaced by its label."""
    import copy

    shown = copy.copy(order)
    shown.status = order.get_status_display()
    return shown
