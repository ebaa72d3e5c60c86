"""Writes on orders: producer parcels and their status."""
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from marketplace.order import locks
from marketplace.shipping.selectors import parcel_quotes


def parcels_create_for_order(*, order, basket):
    """One parcel per producer, with the fee the shopper was shown (same quote function)."""
    Parcel = get_model("order", "Parcel")
    parcels = []
    for quote in parcel_quotes(basket):
        parcels.append(
            Parcel.objects.create(
                order=order,
                partner=quote.partner,
                requires_shipping=quote.requires_shipping,
                shipping_charge=quote.fee,
                subtotal=quote.subtotal,
            )
        )
    return parcels


def user_can_manage_parcel(user, parcel):
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.has_perm("order.change_order"):
        return True
    return parcel.partner.users.filter(pk=user.pk).exists()


def parcel_set_status(*, parcel_id, status, user, tracking_code=""):
    """Move a parcel along pending → confirmed → shipped → delivered (or cancel it).

    Delivery of a COD parcel records its cash as collected; cancelling releases stock.
    """
    from marketplace.payments import services as payment_services

    Parcel = get_model("order", "Parcel")
    parcel = locks.parcel_for_update(parcel_id)
    if not user_can_manage_parcel(user, parcel):
        raise PermissionDenied
    if status not in Parcel.Status.values or not parcel.can_move_to(status):
        raise ValidationError(
            _("Không thể chuyển kiện hàng từ “%(old)s” sang trạng thái này.") % {"old": parcel.get_status_display()}
        )
    parcel.status = status
    if tracking_code:
        parcel.tracking_code = tracking_code
    parcel.save(update_fields=["status", "tracking_code", "updated_at"])
    lines = list(parcel.lines().select_related("stockrecord", "product__product_class"))
    if status == Parcel.Status.SHIPPED:
        for line in lines:
            if line.stockrecord and line.product and line.product.get_product_class().track_stock:
                line.stockrecord.consume_allocation(line.quantity)
    elif status == Parcel.Status.CANCELLED:
        for line in lines:
            if line.stockrecord and line.product and line.product.get_product_class().track_stock:
                line.stockrecord.cancel_allocation(line.quantity)
    elif status == Parcel.Status.DELIVERED:
        payment_services.cod_collect_on_delivery(order=parcel.order, parcel=parcel)
    order_status_sync(order=parcel.order)
    return parcel


def order_status_sync(*, order):
    """The order's overall status follows its parcels."""
    statuses = set(order.parcels.values_list("status", flat=True))
    Parcel = get_model("order", "Parcel")
    if statuses == {Parcel.Status.CANCELLED}:
        new = "Đã hủy"
    elif statuses <= {Parcel.Status.DELIVERED, Parcel.Status.CANCELLED}:
        new = "Hoàn tất"
    elif statuses & {Parcel.Status.SHIPPED, Parcel.Status.DELIVERED}:
        new = "Đang giao"
    else:
        new = order.status or "Chờ xác nhận"
    if new != order.status:
        order.status = new
        order.save(update_fields=["status"])
