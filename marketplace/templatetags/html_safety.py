from django import template

from marketplace.html_sanitizer import clean_html

register = template.Library()


@register.filter(name="clean_html")
def clean_html_filter(value):
    """`{{ product.description|clean_html }}`: producer-written rich text, whitelisted."""
    return clean_html(value)
