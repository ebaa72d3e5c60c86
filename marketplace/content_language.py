"""Catalogue content in two languages: Vietnamese is the canonical text.

Products, categories, culture themes and storefront stories have `_vi` and `_en` columns
(django-modeltranslation, registered in each app's translation.py). Reading `product.title`
gives the visitor's language, falling back to Vietnamese. Whatever must not depend on the
visitor's language — slugs, the search rows, the open-data API and its files — reads the
Vietnamese text inside `canonical_language()`; saving does too (`SavedInCanonicalLanguage`).
"""
from django.conf import settings
from django.utils import translation

CANONICAL_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def canonical_language():
    """Context manager: translated fields read (and are written) as their Vietnamese value."""
    return translation.override(CANONICAL_LANGUAGE)


class SavedInCanonicalLanguage:
    """Model mixin: `save()` runs in Vietnamese.

    Django writes the original column (`title`, `name`, `story`) from the field's current-language
    value, Oscar derives slugs from it and search.signals indexes on post_save: in Vietnamese
    all three stay the canonical text even when staff edit from an /en/ page.
    """

    def save(self, *args, **kwargs):
        with canonical_language():
            super().save(*args, **kwargs)


def shows_fallback(obj, field):
    """True when `obj.<field>` is shown in Vietnamese on a page in another language: the page's
    language column is empty and the Vietnamese one is not (modeltranslation fell back).

    A child product without a title of its own shows its parent's (Oscar's `get_title`), so the
    parent's columns decide.
    """
    from modeltranslation.utils import get_language  # the language modeltranslation reads ("en-us" → "en")

    language = get_language()
    if obj is None or language == CANONICAL_LANGUAGE:
        return False
    if field == "title" and getattr(obj, "parent_id", None) and not getattr(obj, f"title_{CANONICAL_LANGUAGE}", None):
        obj = obj.parent
    canonical = getattr(obj, f"{field}_{CANONICAL_LANGUAGE}", None)
    if canonical is None and not hasattr(obj, f"{field}_{CANONICAL_LANGUAGE}"):
        return False  # not a translated field: nothing to say
    return bool(canonical) and not getattr(obj, f"{field}_{language}", None)


def copy_into_canonical_columns(translated):
    """For the migrations that add the language columns: a RunPython function copying the text
    already there (Vietnamese) into the `_vi` columns, so a database migrated in place keeps its
    content; English starts empty and falls back. `translated`: {(app_label, model): fields}."""
    from django.db.models import F

    def copy(apps, schema_editor):
        for (app_label, model_name), fields in translated.items():
            model = apps.get_model(app_label, model_name)
            for field in fields:
                column = f"{field}_{CANONICAL_LANGUAGE}"
                model._base_manager.filter(**{f"{column}__isnull": True}).update(**{column: F(field)})

    return copy
