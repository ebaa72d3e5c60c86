"""Reads: which orders, lines and parcels a dashboard user may see.

Staff roles are given by permissions (order.view_order), not by `is_staff`: a staff
account without the permission sees no orders. A producer's users see only orders that
hold the producer's lines, and within them only those lines and that parcel.
"""
from oscar.core.loading import get_model


def user_sees_all_orders(user):
    return user.is_authenticated and (user.is_superuser or user.has_perm("order.view_order"))


def producer_partners(user):
    Partner = get_model("partner", "Partner")
    if not user.is_authenticated:
        return Partner.objects.none()
    return Partner.objects.filter(users=user)


def orders_visible_to(user):
    Order = get_model("order", "Order")
    queryset = Order._default_manager.select_related(
        "billing_address", "billing_address__country", "shipping_address", "shipping_address__country", "user"
    ).prefetch_related("lines", "status_changes")
    if user_sees_all_orders(user):
        return queryset
    return queryset.filter(lines__partner__in=producer_partners(user)).distinct()


def lines_visible_to(user, order):
    if user_sees_all_orders(user):
        return order.lines.all()
    return order.lines.filter(partner__in=producer_partners(user))


def parcels_visible_to(user, order):
    parcels = order.parcels.select_related("partner")
    if user_sees_all_orders(user):
        return parcels
    return parcels.filter(partner__in=producer_partners(user))


def units_sold(product_ids):
    """Units of each product in orders that were not cancelled ("Đã bán" on cards and product
    pages, as shoppers know it from other marketplaces): {product_id: units}, one query.

    Counts what was ordered, at any price (live offers included); a cancelled order (refused,
    expired unpaid transfer, staff cancellation) no longer counts. Missing ids sold nothing."""
    from django.db.models import Sum

    from marketplace.order.models import OrderStatus

    Line = get_model("order", "Line")
    ids = [pk for pk in product_ids if pk is not None]
    if not ids:
        return {}
    rows = (
        Line._default_manager.filter(product_id__in=ids)
        .exclude(order__status=OrderStatus.CANCELLED)
        .values("product_id")
        .annotate(units=Sum("quantity"))
        .values_list("product_id", "units")
    )
    return {product_id: units for product_id, units in rows if units}
