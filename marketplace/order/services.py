"""Writes on orders: producer parcels and their status."""
import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from marketplace import stock
from marketplace.order import locks
from marketplace.order.notifications import order_email_send
from marketplace.shipping.selectors import parcel_quotes


def parcels_create_for_order(*, order, basket):
    """One parcel per producer, with the fee the shopper was shown (same quote function);
    a voucher for each line of a service that needs no shipping (homestays, tours)."""
    Parcel = get_model("order", "Parcel")
    ServiceVoucher = get_model("order", "ServiceVoucher")
    today = timezone.localdate()
    for line in order.lines.select_related("product__product_class", "product__parent__product_class"):
        if line.product and not line.product.get_product_class().requires_shipping:
            ServiceVoucher.objects.create(
                line=line,
                valid_from=today,
                valid_until=today + datetime.timedelta(days=settings.SERVICE_VOUCHER_VALID_DAYS),
            )
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
    # Parcels of a sales point's partner are collected at the point (click & collect).
    from sales_points.services import pickup_reservations_create_for_order

    pickup_reservations_create_for_order(order=order)
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
    # user=None: a scheduled job (e.g. expired click & collect reservations), never a web request.
    if user is not None and not user_can_manage_parcel(user, parcel):
        raise PermissionDenied
    if status not in Parcel.Status.values or not parcel.can_move_to(status):
        raise ValidationError(
            _("Không thể chuyển kiện hàng từ “%(old)s” sang trạng thái này.") % {"old": parcel.get_status_display()}
        )
    parcel.status = status
    if tracking_code:
        parcel.tracking_code = tracking_code
    parcel.save(update_fields=["status", "tracking_code", "updated_at"])
    if status == Parcel.Status.SHIPPED:
        stock.consume(lines=_parcel_lines(parcel))
    elif status == Parcel.Status.CANCELLED:
        stock.release(lines=_parcel_lines(parcel))
    elif status == Parcel.Status.DELIVERED:
        payment_services.cod_collect_on_delivery(order=parcel.order, parcel=parcel)
    order_status_sync(order=parcel.order)
    if status == Parcel.Status.DELIVERED or (status == Parcel.Status.SHIPPED and parcel.requires_shipping):
        order_email_send(order=parcel.order, kind=status, parcel=parcel)
    return parcel


def _parcel_lines(parcel):
    return parcel.lines().select_related("stockrecord", "product__product_class", "product__parent__product_class").prefetch_related(
        "gift_supply_lines__product__product_class"
    )


def order_cancel(*, order):
    """Cancel every parcel of the order not yet shipped and give its stock back (unpaid payment
    expired, card payment cancelled, staff cancelling through Oscar's dashboard)."""
    Parcel = get_model("order", "Parcel")
    open_parcels = order.parcels.filter(status__in=[Parcel.Status.PENDING, Parcel.Status.CONFIRMED])
    for parcel_id in open_parcels.order_by("pk").values_list("pk", flat=True):
        parcel = locks.parcel_for_update(parcel_id)
        if not parcel.can_move_to(Parcel.Status.CANCELLED):
            continue
        parcel.status = Parcel.Status.CANCELLED
        parcel.save(update_fields=["status", "updated_at"])
        stock.release(lines=_parcel_lines(parcel))
    order_status_sync(order=order)


def order_status_derive(parcel_statuses, current=None):
    """The one rule for an order's status: it follows its parcels."""
    from marketplace.order.models import OrderStatus

    Parcel = get_model("order", "Parcel")
    statuses = set(parcel_statuses)
    if statuses == {Parcel.Status.CANCELLED}:
        return OrderStatus.CANCELLED
    if statuses and statuses <= {Parcel.Status.DELIVERED, Parcel.Status.CANCELLED}:
        return OrderStatus.COMPLETED
    if statuses & {Parcel.Status.SHIPPED, Parcel.Status.DELIVERED}:
        return OrderStatus.SHIPPING
    return current or OrderStatus.PENDING


def order_status_sync(*, order):
    """Store the status derived from the order's parcels (the only writer of Order.status after placement)."""
    new = order_status_derive(order.parcels.values_list("status", flat=True), current=order.status)
    if new != order.status:
        order.status = new
        order.save(update_fields=["status"])


def order_status_apply(*, order, status, user):
    """Staff asked for an order status (Oscar's dashboard form): move every parcel that can get
    there, step by step through the parcel transitions (stock and COD follow), then derive."""
    from marketplace.order.models import OrderStatus

    Parcel = get_model("order", "Parcel")
    if status == OrderStatus.CANCELLED:
        if not (user.is_superuser or user.has_perm("order.change_order")):
            raise PermissionDenied
        order_cancel(order=order)
        return
    target = {OrderStatus.SHIPPING: Parcel.Status.SHIPPED, OrderStatus.COMPLETED: Parcel.Status.DELIVERED}.get(status)
    if target is None:
        raise ValidationError(_("Trạng thái đơn hàng không hợp lệ."))
    path = [Parcel.Status.PENDING, Parcel.Status.CONFIRMED, Parcel.Status.SHIPPED, Parcel.Status.DELIVERED]
    for parcel in order.parcels.order_by("pk"):
        if parcel.status not in path:
            continue
        for step in path[path.index(parcel.status) + 1 : path.index(target) + 1]:
            parcel_set_status(parcel_id=parcel.pk, status=step, user=user)
    order_status_sync(order=order)


def service_voucher_redeem(*, code, user):
    """Mark a voucher used, once, by a user of the producer that sold it (or staff).

    The row lock makes a code shown at two desks at the same moment succeed only once.
    """
    from marketplace.order.models import OrderStatus

    ServiceVoucher = get_model("order", "ServiceVoucher")
    code = (code or "").strip().upper()
    try:
        voucher = locks.service_voucher_for_update(code)
    except ServiceVoucher.DoesNotExist:
        raise ValidationError(_("Không tìm thấy phiếu có mã này."))
    line = voucher.line
    allowed = user.is_superuser or user.has_perm("order.change_order") or line.partner.users.filter(pk=user.pk).exists()
    if not allowed:
        raise ValidationError(_("Không tìm thấy phiếu có mã này."))  # same answer: no probing other producers' codes
    if voucher.is_used:
        raise ValidationError(
            _("Phiếu đã được sử dụng lúc %(when)s.") % {"when": timezone.localtime(voucher.used_at).strftime("%H:%M %d/%m/%Y")}
        )
    today = timezone.localdate()
    if not voucher.valid_from <= today <= voucher.valid_until:
        raise ValidationError(
            _("Phiếu chỉ dùng từ %(start)s đến %(end)s.")
            % {"start": voucher.valid_from.strftime("%d/%m/%Y"), "end": voucher.valid_until.strftime("%d/%m/%Y")}
        )
    if line.order.status == OrderStatus.CANCELLED:
        raise ValidationError(_("Đơn hàng của phiếu này đã bị hủy."))
    voucher.used_at = timezone.now()
    voucher.used_by = user
    voucher.save(update_fields=["used_at", "used_by"])
    return voucher
