"""Culture themes in English as well as Vietnamese; see catalogue/translation.py for the rule."""
from modeltranslation.translator import TranslationOptions, register

from gift_baskets.models import CultureTheme


@register(CultureTheme)
class CultureThemeTranslationOptions(TranslationOptions):
    fields = ("name", "story")
    required_languages = ("vi",)  # the Vietnamese name is required, the English one optional
