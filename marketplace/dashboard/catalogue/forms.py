"""Oscar's catalogue dashboard forms, editing the Vietnamese and the English text side by side.

Oscar's forms list `title`/`description` (products) and `name`/`description` (categories); with
modeltranslation those would edit whichever language the dashboard page is in. Here each becomes
its `_vi` and `_en` columns; Vietnamese is required where Oscar requires the field (it is the
canonical text slugs and search are made from), English is optional (it falls back to Vietnamese).
"""
from oscar.apps.dashboard.catalogue import forms as oscar_forms
from oscar.apps.dashboard.catalogue.forms import *  # noqa: F401,F403

from marketplace.content_language import CANONICAL_LANGUAGE


def _in_both_languages(fields, translated):
    """Oscar's field list with each translated field replaced by its language columns, in place."""
    from modeltranslation.utils import get_translation_fields

    result = []
    for name in fields:
        result += get_translation_fields(name) if name in translated else [name]
    return result


class CategoryForm(oscar_forms.CategoryForm):
    # `name_vi` is required by the model (catalogue/translation.py, required_languages).
    class Meta(oscar_forms.CategoryForm.Meta):
        fields = _in_both_languages(oscar_forms.CategoryForm.Meta.fields, ("name", "description"))


class ProductForm(oscar_forms.ProductForm):
    class Meta(oscar_forms.ProductForm.Meta):
        fields = _in_both_languages(oscar_forms.ProductForm.Meta.fields, ("title", "description"))

    def __init__(self, product_class, *args, parent=None, **kwargs):
        super().__init__(product_class, *args, parent=parent, **kwargs)
        for field_name in self.fields:
            if field_name.startswith("title_"):
                self.fields[field_name].widget.attrs["autocomplete"] = "off"
        if parent is None:
            # A child product may leave its title blank (it shows its parent's); others may not.
            self.fields[f"title_{CANONICAL_LANGUAGE}"].required = True

    def delete_non_child_fields(self):
        super().delete_non_child_fields()
        for field_name in [name for name in self.fields if name.startswith("description_")]:
            del self.fields[field_name]
