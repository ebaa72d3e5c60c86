"""The storefront story in English as well as Vietnamese; see catalogue/translation.py for the rule.

Only the public `ProducerProfile.story`: the application dossier (`ProducerApplication.story`)
is read by programme staff in Vietnamese and is not translated.
"""
from modeltranslation.translator import TranslationOptions, register

from shops.models import ProducerProfile


@register(ProducerProfile)
class ProducerProfileTranslationOptions(TranslationOptions):
    fields = ("story",)
