"""Card payments through Stripe PaymentIntents (zero-decimal `vnd`).

Every create call carries an idempotency key derived from the order, so a retried
request never charges twice. `STRIPE_API_BASE` (tests only) points the official client
at a local fake server; production leaves it unset.
"""
from dataclasses import dataclass

import stripe
from django.conf import settings

CURRENCY = "vnd"


class GatewayError(Exception):
    """Stripe refused or could not be reached; the message is safe to log, not to show."""


class SignatureError(Exception):
    pass


@dataclass
class Intent:
    id: str
    client_secret: str
    status: str
    amount: int


def client():
    base = getattr(settings, "STRIPE_API_BASE", "")
    kwargs = {"base_addresses": {"api": base}} if base else {}
    return stripe.StripeClient(settings.STRIPE_SECRET_KEY, max_network_retries=0, **kwargs)


def _intent(obj):
    return Intent(id=obj.id, client_secret=obj.client_secret or "", status=obj.status, amount=int(obj.amount))


def create_payment_intent(*, order_number, amount):
    amount = int(amount)
    if amount <= 0:
        raise GatewayError("amount must be a positive whole number of đồng")
    params = {
        "amount": amount,
        "currency": CURRENCY,
        "metadata": {"order_number": order_number},
        "payment_method_types": ["card"],
    }
    try:
        obj = client().v1.payment_intents.create(
            params=params, options={"idempotency_key": f"order-{order_number}-pi-{amount}"}
        )
    except stripe.StripeError as error:
        raise GatewayError(str(error)) from error
    return _intent(obj)


def retrieve_payment_intent(intent_id):
    try:
        return _intent(client().v1.payment_intents.retrieve(intent_id))
    except stripe.StripeError as error:
        raise GatewayError(str(error)) from error


def confirm_payment_intent(intent_id, *, payment_method):
    """Server-side confirmation (used by tests with `pm_card_visa`; shoppers confirm in Stripe.js)."""
    try:
        api = client().v1.payment_intents
        api.update(intent_id, params={"payment_method": payment_method})
        obj = api.confirm(intent_id, options={"idempotency_key": f"{intent_id}-confirm-{payment_method}"})
    except stripe.StripeError as error:
        raise GatewayError(str(error)) from error
    return _intent(obj)


def refund_payment_intent(intent_id, *, amount=None, reason_key="full"):
    params = {"payment_intent": intent_id}
    if amount:
        params["amount"] = int(amount)
    try:
        refund = client().v1.refunds.create(params=params, options={"idempotency_key": f"{intent_id}-refund-{reason_key}"})
    except stripe.StripeError as error:
        raise GatewayError(str(error)) from error
    return refund.id


def verify_webhook(payload, signature_header):
    """The event as a plain dict, or SignatureError for a missing, wrong or stale signature."""
    try:
        event = stripe.Webhook.construct_event(
            payload, signature_header, settings.STRIPE_WEBHOOK_SECRET, tolerance=300
        )
    except (stripe.SignatureVerificationError, ValueError) as error:
        raise SignatureError(str(error)) from error
    return event.to_dict()


@dataclass
class RefundResult:
    id: str
    amount: int
    charge_amount_refunded: int  # Stripe's running total on the charge, this refund included


def refund_part_of_payment_intent(intent_id, *, amount, idempotency_key):
    """Refund `amount` đồng of a paid intent; returns the refund and the charge's new total refunded.

    The caller's idempotency key makes a retried call return the same refund instead of a second one.
    """
    amount = int(amount)
    if amount <= 0:
        raise GatewayError("refund amount must be a positive whole number of đồng")
    try:
        api = client().v1
        refund = api.refunds.create(
            params={"payment_intent": intent_id, "amount": amount}, options={"idempotency_key": idempotency_key}
        )
        charge = api.charges.retrieve(refund.charge)
    except stripe.StripeError as error:
        raise GatewayError(str(error)) from error
    return RefundResult(id=refund.id, amount=int(refund.amount), charge_amount_refunded=int(charge.amount_refunded or 0))
