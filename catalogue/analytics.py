"""Every product gets Oscar's analytics row when it is created.

Oscar's analytics counter inserts the row on a product's first view and catches the
IntegrityError of two first views at once, but inside the request's transaction
(ATOMIC_REQUESTS) PostgreSQL has then aborted the transaction, so one of the two visitors got a
500. With the row created alongside the product, the counter only ever UPDATEs.
"""
from oscar.core.loading import get_model


def ensure_product_record(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        get_model("analytics", "ProductRecord").objects.get_or_create(product=instance)


def connect():
    from django.db.models.signals import post_save

    post_save.connect(
        ensure_product_record, sender=get_model("catalogue", "Product"), dispatch_uid="catalogue.analytics_record"
    )
