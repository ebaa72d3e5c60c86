"""Every row lock of the catalogue app, taken in primary-key order."""
from oscar.core.loading import get_model


def lock_certificates(pks):
    OcopCertificate = get_model("catalogue", "OcopCertificate")
    return list(OcopCertificate.objects.select_for_update().filter(pk__in=pks).order_by("pk"))
