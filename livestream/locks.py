"""Every row lock of the livestream app (select_for_update), ordered by primary key.

Callers must be inside `transaction.atomic()`.
"""
from django.db.models import F

from livestream.models import FeaturedProduct, LiveSession


def lock_session(session_id):
    return LiveSession.objects.select_for_update().get(pk=session_id)


def lock_featured(featured_id):
    """The featured product row: serialises live buys of one product (cap, per-buyer limit)."""
    return FeaturedProduct.objects.select_for_update().select_related("session", "product").get(pk=featured_id)


def lock_featured_of_session(session_id):
    return list(FeaturedProduct.objects.select_for_update().filter(session_id=session_id).order_by("pk"))


def take_from_cap(featured, quantity):
    """Add `quantity` to the sold count only if it stays within the cap.

    A conditional UPDATE, so the cap holds even where the row lock is a no-op (SQLite):
    returns False when the cap would be exceeded.
    """
    rows = FeaturedProduct.objects.filter(pk=featured.pk)
    if featured.quantity_cap is not None:
        rows = rows.filter(sold_quantity__lte=featured.quantity_cap - quantity)
    taken = rows.update(sold_quantity=F("sold_quantity") + quantity) == 1
    if taken:
        featured.refresh_from_db(fields=["sold_quantity"])
    return taken
