from django import template

register = template.Library()


@register.inclusion_tag("checkout/order_payment.html")
def order_payment_panel(order):
    from marketplace.checkout.views import order_payment_context

    return {"order": order, **order_payment_context(order)}


@register.inclusion_tag("checkout/order_parcels.html")
def order_parcels_panel(order):
    return {"order": order, "parcels": list(order.parcels.select_related("partner"))}
