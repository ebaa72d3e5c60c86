"""`{% gift_basket_components product %}`: on Oscar's product page of a curated gift basket, what is inside."""
from django import template

register = template.Library()


@register.inclusion_tag("gift_baskets/partials/product_components.html", takes_context=True)
def gift_basket_components(context, product):
    from gift_baskets import selectors

    gift = selectors.gift_basket_of(product)
    if gift is None or gift.is_builder:
        return {"components": None}
    request = context.get("request")
    strategy = getattr(request, "strategy", None) or selectors.default_strategy()
    components = selectors.component_views(strategy, selectors.curated_pairs(gift))
    return {"components": components, "info": strategy.fetch_for_product(product), "gift": gift}
