from oscar.apps.catalogue.admin import *  

from django.contrib import admin  # noqa: E402
from oscar.core.loading import get_model  # noqa: E402

for _name in ("OcopCertificate", "RawMaterialArea", "ProductionBatch", "Inspection", "ProgrammeTarget"):
    _model = get_model("catalogue", _name)
    if not admin.site.is_registered(_model):
        admin.site.register(_model)

# Oscar's product and category admins with the text in both languages (modeltranslation's admin
# shows `title_vi`/`title_en` … instead of the field that edits whichever language is active).
from modeltranslation.admin import TranslationAdmin  # noqa: E402

for _name, _oscar_admin in (("Product", ProductAdmin), ("Category", CategoryAdmin)):  # noqa: F405
    _model = get_model("catalogue", _name)
    admin.site.unregister(_model)
    admin.site.register(_model, type(f"Translated{_oscar_admin.__name__}", (TranslationAdmin, _oscar_admin), {}))
