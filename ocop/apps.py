from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OcopConfig(AppConfig):
    """The OCOP programme: certification, traceability, programme figures and the evaluation cycle.

    The certificate, batch, inspection, raw-material-area and target models stay in the forked
    Oscar catalogue app (`catalogue/models.py`, tables `catalogue_*`): they hang off Oscar's
    product and their migrations are the catalogue app's. Everything that reads or writes them
    lives here.
    """

    name = "ocop"
    verbose_name = _("Chương trình OCOP")
