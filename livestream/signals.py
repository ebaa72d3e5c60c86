"""After-the-fact side effects: a certificate revoked (or otherwise changed) mid-session
unpins the product and ends its offer at once, for every viewer."""
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from oscar.core.loading import get_model

OcopCertificate = get_model("catalogue", "OcopCertificate")


@receiver(post_save, sender=OcopCertificate, dispatch_uid="livestream_certificate_saved")
@receiver(post_delete, sender=OcopCertificate, dispatch_uid="livestream_certificate_deleted")
def certificate_changed(sender, instance, **kwargs):
    product_id = instance.product_id

    def enforce():
        from livestream.services import gate_enforce

        gate_enforce(product=product_id)

    transaction.on_commit(enforce)
