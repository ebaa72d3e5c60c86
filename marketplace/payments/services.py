"""Writes on payments: start, confirm a transfer, collect COD, cancel unpaid transfers,
and apply Stripe webhook events (idempotent, order-independent)."""
import datetime
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from marketplace.money import to_dong
from marketplace.order.notifications import order_email_send
from marketplace.payments import locks
from marketplace.payments.models import Method, OrderPayment, StripeEvent

logger = logging.getLogger("marketplace.payments")


def transfer_reference(order_number):
    """The text the shopper types (or the QR fills in) as the transfer message."""
    return f"OCOP {order_number}"


def payment_start(*, order, method, stripe_payment_intent=""):
    amount = to_dong(order.total_incl_tax)
    from django.utils import translation

    language = "en" if (translation.get_language() or "").startswith("en") else "vi"
    payment = OrderPayment(
        order=order, method=method, amount=amount, stripe_payment_intent=stripe_payment_intent, language=language
    )
    if method == Method.TRANSFER:
        payment.reference = transfer_reference(order.number)
        payment.expires_at = timezone.now() + datetime.timedelta(hours=settings.TRANSFER_PAYMENT_HOURS)
    elif method == Method.CARD:
        payment.reference = stripe_payment_intent
        payment.expires_at = timezone.now() + datetime.timedelta(hours=settings.CARD_PAYMENT_HOURS)
    payment.save()
    return payment


def user_can_confirm_transfer(user, payment):
    if not user.is_authenticated:
        return False
    # The transfer lands in the marketplace's account, which producers cannot see: only staff with
    # the permission confirm it, even for an order made entirely of one producer's parcels (issue 17 §3).
    return user.is_superuser or user.has_perm("payments.confirm_transfer")


def transfer_confirm(*, payment_id, user, note=""):
    payment = locks.payment_for_update(pk=payment_id)
    if not user_can_confirm_transfer(user, payment):
        raise PermissionDenied
    if payment.method != Method.TRANSFER:
        raise ValidationError(_("Đơn này không thanh toán bằng chuyển khoản."))
    if payment.status == OrderPayment.Status.PAID:
        return payment
    if payment.status != OrderPayment.Status.PENDING:
        raise ValidationError(_("Đơn đã bị hủy hoặc hoàn tiền; không thể xác nhận chuyển khoản."))
    payment.status = OrderPayment.Status.PAID
    payment.paid_at = timezone.now()
    payment.confirmed_by = user
    payment.note = note
    payment.save()
    _record_oscar_payment_event(payment, "Đã nhận chuyển khoản", payment.amount)
    order_email_send(order=payment.order, kind="paid")
    return payment


def cod_collect_on_delivery(*, order, parcel):
    """COD is paid parcel by parcel on delivery; the order is paid when every live parcel is."""
    payment = getattr(order, "payment", None)
    if payment is None or payment.method != Method.COD:
        return None
    payment = locks.payment_for_update(pk=payment.pk)
    Parcel = get_model("order", "Parcel")
    live = order.parcels.exclude(status=Parcel.Status.CANCELLED)
    _record_oscar_payment_event(payment, "Thu tiền COD", int(parcel.total))
    if live.exists() and not live.exclude(status=Parcel.Status.DELIVERED).exists():
        payment.status = OrderPayment.Status.PAID
        payment.paid_at = timezone.now()
        payment.save(update_fields=["status", "paid_at", "updated_at"])
        order_email_send(order=order, kind="paid")
    return payment


def _record_oscar_payment_event(payment, name, amount):
    PaymentEventType = get_model("order", "PaymentEventType")
    PaymentEvent = get_model("order", "PaymentEvent")
    event_type, _created = PaymentEventType.objects.get_or_create(name=name)
    PaymentEvent.objects.create(order=payment.order, event_type=event_type, amount=amount, reference=payment.reference)


def order_release(*, order):
    """Cancel every parcel not yet shipped and give its stock back."""
    from marketplace.order.services import order_cancel

    order_cancel(order=order)


def payments_cancel_expired(*, now=None):
    """Unpaid transfers (and abandoned card payments) past their deadline: cancel, release stock."""
    now = now or timezone.now()
    ids = list(
        OrderPayment.objects.filter(
            method__in=[Method.TRANSFER, Method.CARD],
            status__in=[OrderPayment.Status.PENDING, OrderPayment.Status.FAILED],
            expires_at__lt=now,
        ).values_list("pk", flat=True)
    )
    cancelled = []
    for pk in ids:
        with transaction.atomic():
            payment = locks.payment_for_update(pk=pk)
            if payment.status not in (OrderPayment.Status.PENDING, OrderPayment.Status.FAILED):
                continue
            payment.status = OrderPayment.Status.CANCELLED
            payment.note = _("Tự hủy: quá hạn thanh toán.")
            payment.save(update_fields=["status", "note", "updated_at"])
            order_release(order=payment.order)
            cancelled.append(payment.order.number)
    return cancelled


# --- Stripe -------------------------------------------------------------------------


def stripe_event_record(*, event):
    """Record the event id; False when it was already recorded (a retry or a duplicate)."""
    try:
        with transaction.atomic():
            StripeEvent.objects.create(
                event_id=event["id"],
                type=event["type"],
                object_id=(event.get("data", {}).get("object", {}) or {}).get("id", "") or "",
                created=datetime.datetime.fromtimestamp(int(event.get("created") or 0), tz=datetime.timezone.utc),
            )
    except IntegrityError:
        return False
    return True


def stripe_event_handle(*, event):
    """Apply one (new) event. Final states do not move back, so order of arrival does not matter."""
    obj = event["data"]["object"]
    handler = {
        "payment_intent.succeeded": _stripe_intent_succeeded,
        "payment_intent.payment_failed": _stripe_intent_failed,
        "payment_intent.canceled": _stripe_intent_canceled,
        "charge.refunded": _stripe_charge_refunded,
    }.get(event["type"])
    if handler is None:
        return "ignored"
    intent_id = obj.get("payment_intent") if event["type"].startswith("charge.") else obj.get("id")
    try:
        payment = locks.payment_for_update(stripe_payment_intent=intent_id)
    except OrderPayment.DoesNotExist:
        return "unknown payment intent"
    outcome = handler(payment, obj)
    StripeEvent.objects.filter(event_id=event["id"]).update(outcome=outcome)
    return outcome


def _order_can_be_fulfilled(payment):
    Parcel = get_model("order", "Parcel")
    return payment.order.parcels.exclude(status=Parcel.Status.CANCELLED).exists()


def _stripe_intent_succeeded(payment, obj):
    if payment.status in (OrderPayment.Status.PAID, OrderPayment.Status.REFUNDED, OrderPayment.Status.NEEDS_REVIEW):
        return "already settled"
    if int(obj.get("amount_received") or obj.get("amount") or 0) != payment.amount:
        payment.status = OrderPayment.Status.NEEDS_REVIEW
        payment.note = _("Số tiền Stripe báo khác số tiền đơn hàng.")
        payment.save()
        return "amount mismatch: flagged"
    if payment.status == OrderPayment.Status.CANCELLED or not _order_can_be_fulfilled(payment):
        # Paid after the order was released: never leave it paid-and-unfulfilled.
        from marketplace.payments.stripe import gateway

        try:
            gateway.refund_payment_intent(payment.stripe_payment_intent)
        except gateway.GatewayError as error:
            logger.error("refund of %s failed: %s", payment.stripe_payment_intent, error)
            payment.status = OrderPayment.Status.NEEDS_REVIEW
            payment.note = _("Thanh toán thành công cho đơn đã hủy; hoàn tiền tự động thất bại.")
            payment.save()
            return "paid after cancel: flagged for staff"
        payment.status = OrderPayment.Status.REFUNDED
        payment.amount_refunded = payment.amount
        payment.note = _("Thanh toán đến sau khi đơn đã hủy: đã hoàn tiền tự động.")
        payment.save()
        return "paid after cancel: refunded"
    payment.status = OrderPayment.Status.PAID
    payment.paid_at = timezone.now()
    payment.save()
    _record_oscar_payment_event(payment, "Thanh toán thẻ thành công", payment.amount)
    order_email_send(order=payment.order, kind="paid")
    return "paid"


def _stripe_intent_failed(payment, obj):
    if payment.status != OrderPayment.Status.PENDING:
        return "ignored: not pending"
    payment.status = OrderPayment.Status.FAILED
    error = obj.get("last_payment_error") or {}
    payment.note = error.get("message", "") if isinstance(error, dict) else ""
    payment.save()
    return "failed"


def _stripe_intent_canceled(payment, obj):
    if payment.status not in (OrderPayment.Status.PENDING, OrderPayment.Status.FAILED):
        return "ignored: settled"
    payment.status = OrderPayment.Status.CANCELLED
    payment.save()
    order_release(order=payment.order)
    return "cancelled"


def _stripe_charge_refunded(payment, obj):
    refunded = int(obj.get("amount_refunded") or 0)
    if refunded <= payment.amount_refunded:
        return "ignored: no new refund"
    payment.amount_refunded = min(refunded, payment.amount)
    if payment.amount_refunded >= payment.amount:
        payment.status = OrderPayment.Status.REFUNDED
    payment.save()
    return "refunded"
