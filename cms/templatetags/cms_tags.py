"""Template tags other apps use to show portal content on their pages.

    {% load cms_tags %}
    {% related_news product=product %}     on a product page
    {% related_news partner=partner %}     on a producer's storefront
"""
from django import template

from cms import selectors

register = template.Library()


@register.inclusion_tag("cms/partials/related_news.html")
def related_news(product=None, partner=None, limit=3):
    if product is not None:
        articles = selectors.news_for_product(product, limit=limit)
    elif partner is not None:
        articles = selectors.news_for_partner(partner, limit=limit)
    else:
        articles = []
    return {"related_news": articles}
