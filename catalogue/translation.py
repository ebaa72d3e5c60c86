"""Catalogue text in English as well as Vietnamese (django-modeltranslation).

Vietnamese (`title_vi`, `name_vi`, …) is the canonical text: slugs, the search rows, CSV
exports and the open-data API read it whatever the visitor's language; the English
columns are optional and fall back to Vietnamese (settings.MODELTRANSLATION_FALLBACK_LANGUAGES).
"""
from modeltranslation.translator import TranslationOptions, register
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")


@register(Product)
class ProductTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(Category)
class CategoryTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("vi",)  # a category always has its Vietnamese name (its slug is made from it)
