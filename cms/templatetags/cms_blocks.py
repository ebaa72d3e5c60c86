"""What the portal's blocks show from the shop and the programme, read when their templates render.

The blocks (cms/blocks.py) hold only what editors typed, like bakerydemo's: no queries, no
import of cms.selectors (which reads cms.models, which imports the blocks). Each block template
asks here: `{% load cms_blocks %}{% featured_products_of value as products %}`.
"""
from django import template

from cms import selectors

register = template.Library()


@register.simple_tag
def product_groups():
    return selectors.product_groups()


@register.simple_tag
def featured_products_of(value):
    return selectors.featured_products(
        [product for product in value["products"] if product is not None],
        limit=value["count"] or 8,
        fill_with_latest=value["fill_with_latest"],
    )


@register.simple_tag
def latest_news(value):
    return selectors.latest_news(limit=value["count"] or 3)


@register.simple_tag
def news_index():
    return selectors.news_index()


@register.simple_tag
def upcoming_events(value):
    return selectors.upcoming_events(limit=value["count"] or 3)


@register.simple_tag
def event_index():
    return selectors.event_index()


@register.simple_tag
def live_sessions(value):
    return selectors.live_sessions(limit=value["count"] or 4)


@register.simple_tag
def programme_figures():
    return selectors.programme_figures()


@register.simple_tag
def star_criteria():
    return selectors.star_criteria()


@register.simple_tag
def listed_product(product):
    """The chosen product as listings show it while it is on sale, else None."""
    return selectors.listed_product(product) if product else None
