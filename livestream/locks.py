"""Every row lock of the livestream app (select_for_update), ordered by primary key.

Callers must be inside `transaction.atomic()`.
"""
from livestream.models import FeaturedProduct, LiveSession


def lock_session(session_id):
    return LiveSession.objects.select_for_update().get(pk=session_id)


def lock_featured(featured_id):
    """The featured product row: serialises live buys of one product (cap, per-buyer limit)."""
    return FeaturedProduct.objects.select_for_update().select_related("session", "product").get(pk=featured_id)