from oscar.apps.catalogue.admin import *  

from django.contrib import admin  # noqa: E402
from oscar.core.loading import get_model  # noqa: E402

for _name in ("OcopCertificate", "RawMaterialArea", "ProductionBatch", "Inspection", "ProgrammeTarget"):
    _model = get_model("catalogue", _name)
    if not admin.site.is_registered(_model):
        admin.site.register(_model)
