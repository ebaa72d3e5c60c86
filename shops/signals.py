"""After-the-fact side effects: followers hear about a product when it goes on sale."""
from django.db import transaction
from django.db.models.signals import post_save
from oscar.core.loading import get_model


def _announce(product_id):
    from shops.services import listing_notify

    Product = get_model("catalogue", "Product")
    product = Product.objects.filter(pk=product_id).first()
    if product is not None:
        listing_notify(product=product)


def certificate_saved(sender, instance, created, **kwargs):
    if created and not kwargs.get("raw"):
        product_id = instance.product_id
        transaction.on_commit(lambda: _announce(product_id))


def stockrecord_saved(sender, instance, created, **kwargs):
    if created and not kwargs.get("raw"):
        product_id = instance.product_id
        transaction.on_commit(lambda: _announce(product_id))


def connect():
    post_save.connect(certificate_saved, sender=get_model("catalogue", "OcopCertificate"), dispatch_uid="shops_cert")
    post_save.connect(stockrecord_saved, sender=get_model("partner", "StockRecord"), dispatch_uid="shops_stock")
