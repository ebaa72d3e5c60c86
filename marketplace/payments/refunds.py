"""Partial refunds of an order's payment (complaints and returns), through the original method.

Card: a Stripe refund with the caller's idempotency key. `OrderPayment.amount_refunded` follows
Stripe's own running total on the charge and only ever grows (`max`), exactly like the
`charge.refunded` webhook handler: whichever of the two arrives first, the other adds nothing.
COD and VietQR transfer: staff send the money by bank transfer themselves and record it here;
nothing moves automatically.
"""
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from marketplace.payments import locks
from marketplace.payments.models import Method, OrderPayment


def refundable_amount(payment):
    return max(0, int(payment.amount) - int(payment.amount_refunded))


def _check(payment, amount):
    if amount <= 0:
        raise ValidationError(_("Số tiền hoàn phải lớn hơn 0."))
    if amount > refundable_amount(payment):
        raise ValidationError(
            _("Số tiền hoàn (%(amount)s đồng) vượt quá số tiền còn có thể hoàn của đơn (%(left)s đồng).")
            % {"amount": amount, "left": refundable_amount(payment)}
        )


def _mark(payment):
    if payment.amount_refunded >= payment.amount:
        payment.status = OrderPayment.Status.REFUNDED
    payment.save(update_fields=["amount_refunded", "status", "updated_at"])


def card_refund_call(*, payment_id, amount, idempotency_key):
    """Ask Stripe to refund part of a paid card payment; returns the gateway's RefundResult.

    Called outside any row lock (a slow gateway must not hold database rows): the checks
    here read without locking, the idempotency key makes a repeated call return the same
    refund, and `card_refund_record` re-checks and counts the result under the lock."""
    from marketplace.payments.stripe import gateway

    payment = OrderPayment.objects.get(pk=payment_id)
    if payment.method != Method.CARD or not payment.stripe_payment_intent:
        raise ValidationError(_("Đơn này không thanh toán bằng thẻ."))
    if payment.status not in (OrderPayment.Status.PAID, OrderPayment.Status.REFUNDED):
        raise ValidationError(_("Thanh toán thẻ của đơn chưa hoàn tất; chưa thể hoàn tiền."))
    amount = int(amount)
    _check(payment, amount)
    return gateway.refund_part_of_payment_intent(
        payment.stripe_payment_intent, amount=amount, idempotency_key=idempotency_key
    )


def card_refund_record(*, payment_id, result):
    """Count a Stripe refund on the payment, under its row lock (inside the caller's transaction)."""
    payment = locks.payment_for_update(pk=payment_id)
    payment.amount_refunded = min(int(payment.amount), max(int(payment.amount_refunded), result.charge_amount_refunded))
    _mark(payment)
    return payment


def bank_transfer_refund_record(*, payment_id, amount):
    """Count a refund that staff paid by bank transfer (COD and VietQR orders)."""
    payment = locks.payment_for_update(pk=payment_id)
    if payment.method not in (Method.COD, Method.TRANSFER):
        raise ValidationError(_("Đơn thanh toán bằng thẻ được hoàn về thẻ, không ghi nhận chuyển khoản."))
    if payment.method == Method.TRANSFER and payment.status not in (OrderPayment.Status.PAID, OrderPayment.Status.REFUNDED):
        raise ValidationError(_("Chưa xác nhận nhận được chuyển khoản của đơn; chưa thể hoàn tiền."))
    amount = int(amount)
    _check(payment, amount)
    payment.amount_refunded = int(payment.amount_refunded) + amount
    _mark(payment)
    return payment
