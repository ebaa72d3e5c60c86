"""After-the-fact indexing: a product, its categories, stock, certificate or producer changed.

The database search row is refreshed in the same transaction (it is part of the model
layer); Elasticsearch is updated after commit by a background job (retried while the cluster is down),
so it never sees rolled-back data and a save never waits for it.
"""
from django.db.models.signals import post_delete, post_save
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
OcopCertificate = get_model("catalogue", "OcopCertificate")
StockRecord = get_model("partner", "StockRecord")
Partner = get_model("partner", "Partner")


def products_changed(product_ids, *, refresh_entries=True):
    from search.backends import index_update

    ids = sorted({pk for pk in product_ids if pk})
    if not ids:
        return
    parents = Product.objects.filter(pk__in=ids, parent__isnull=False).values_list("parent_id", flat=True)
    index_update(sorted(set(ids) | set(parents)), database=refresh_entries)


def on_product_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        products_changed([instance.pk])


def on_product_deleted(sender, instance, **kwargs):
    from search.backends import index_update

    index_update([instance.pk], database=False)  # its search row goes with it (cascade)


def on_product_part_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    # A deleted product cascades to its parts; skip products already gone.
    if Product.objects.filter(pk=instance.product_id).exists():
        products_changed([instance.product_id])


def on_certificate_changed(sender, instance, raw=False, **kwargs):
    # The gate is evaluated at query time; the row keeps the current stars for facets.
    if not raw and Product.objects.filter(pk=instance.product_id).exists():
        products_changed([instance.product_id])


def on_partner_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    partner_id = instance.pk if isinstance(instance, Partner) else instance.partner_id
    products_changed(StockRecord.objects.filter(partner_id=partner_id).values_list("product_id", flat=True))


def connect():
    post_save.connect(on_product_saved, sender=Product, dispatch_uid="search.product_saved")
    post_delete.connect(on_product_deleted, sender=Product, dispatch_uid="search.product_deleted")
    for model in (ProductCategory, StockRecord):
        post_save.connect(on_product_part_changed, sender=model, dispatch_uid=f"search.{model.__name__}.saved")
        post_delete.connect(on_product_part_changed, sender=model, dispatch_uid=f"search.{model.__name__}.deleted")
    post_save.connect(on_certificate_changed, sender=OcopCertificate, dispatch_uid="search.certificate_saved")
    post_delete.connect(on_certificate_changed, sender=OcopCertificate, dispatch_uid="search.certificate_deleted")
    post_save.connect(on_partner_changed, sender=Partner, dispatch_uid="search.partner_saved")
    ProducerProfile = get_model("shops", "ProducerProfile")
    post_save.connect(on_partner_changed, sender=ProducerProfile, dispatch_uid="search.producer_saved")
