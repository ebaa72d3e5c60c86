"""Card payments: PaymentIntents in whole đồng (`vnd`) against localstripe, and the webhook
(signature, event id once, out-of-order and duplicate events, paid-after-cancel refund)."""
import time

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from marketplace.payments import services
from marketplace.payments.models import OrderPayment, StripeEvent
from marketplace.payments.stripe import gateway
from tests.factories import PartnerFactory
from tests.factories.checkout import add_to_basket, guest_checkout_until_preview, place_order, producer_product
from tests.payments.conftest import sign, stripe_event

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


@pytest.fixture
def card_order(client, vietnam, stripe_settings):
    product = producer_product(PartnerFactory(name="HTX Hồng không hạt"), title="Hồng không hạt Ba Bể", stock=3)
    add_to_basket(client, product, 2)
    page = client.get(reverse("checkout:payment-method")).content.decode()
    preview = guest_checkout_until_preview(client, method="card")
    assert preview.status_code == 200
    response = place_order(client)
    order = Order.objects.get()
    return order, product, response, page


def test_card_order_reserves_stock_and_creates_a_vnd_intent(client, card_order):
    order, product, response, _page = card_order
    assert response["Location"] == reverse("checkout:card-payment", kwargs={"order_number": order.number})
    payment = order.payment
    assert payment.method == "card" and payment.status == "pending"
    assert payment.stripe_payment_intent.startswith("pi_")
    assert product.stockrecords.get().num_allocated == 2  # reserved before the card is confirmed
    intent = gateway.client().v1.payment_intents.retrieve(payment.stripe_payment_intent)
    assert intent.amount == 270000 and intent.currency == "vnd"  # 2 × 120.000 + 30.000, whole đồng
    assert intent.metadata["order_number"] == order.number

    page = client.get(response["Location"]).content.decode()
    assert "https://js.stripe.com/v3/" in page and "data-client-secret" in page


def test_confirmed_card_and_succeeded_webhook_mark_the_order_paid(card_order, post_event):
    order, _product, _response, _page = card_order
    intent = gateway.confirm_payment_intent(order.payment.stripe_payment_intent, payment_method="pm_card_visa")
    assert intent.status == "succeeded"
    obj = gateway.client().v1.payment_intents.retrieve(intent.id).to_dict()
    response = post_event(stripe_event("payment_intent.succeeded", obj))
    assert response.status_code == 200 and response.json()["outcome"] == "paid"
    order.payment.refresh_from_db()
    assert order.payment.status == "paid"


def intent_obj(payment, **extra):
    return {"id": payment.stripe_payment_intent, "object": "payment_intent", "amount": payment.amount,
            "amount_received": payment.amount, "currency": "vnd", **extra}


def test_wrong_or_stale_signature_is_400_and_writes_nothing(card_order, post_event):
    order, *_ = card_order
    payload = stripe_event("payment_intent.succeeded", intent_obj(order.payment))
    assert post_event(payload, signature=sign(payload, secret="whsec_wrong")).status_code == 400
    assert post_event(payload, signature=sign(payload, timestamp=int(time.time()) - 3600)).status_code == 400
    assert post_event(payload, signature="").status_code == 400
    assert StripeEvent.objects.count() == 0
    order.payment.refresh_from_db()
    assert order.payment.status == "pending"


def test_same_event_twice_is_processed_once(card_order, post_event):
    order, *_ = card_order
    payload = stripe_event("payment_intent.succeeded", intent_obj(order.payment), event_id="evt_dup_1")
    assert post_event(payload).json()["status"] == "ok"
    assert post_event(payload).json()["status"] == "duplicate"
    assert StripeEvent.objects.filter(event_id="evt_dup_1").count() == 1
    assert order.payment_events.count() == 1


def test_failed_after_succeeded_keeps_it_paid_and_succeeded_after_failed_pays(card_order, post_event):
    order, *_ = card_order
    payment = order.payment
    post_event(stripe_event("payment_intent.payment_failed", intent_obj(payment, last_payment_error={"message": "declined"})))
    payment.refresh_from_db()
    assert payment.status == "failed"
    post_event(stripe_event("payment_intent.succeeded", intent_obj(payment)))
    post_event(stripe_event("payment_intent.payment_failed", intent_obj(payment)))
    payment.refresh_from_db()
    assert payment.status == "paid"


def test_refund_after_success_is_recorded(card_order, post_event):
    order, *_ = card_order
    payment = order.payment
    post_event(stripe_event("payment_intent.succeeded", intent_obj(payment)))
    charge = {"id": "ch_1", "object": "charge", "payment_intent": payment.stripe_payment_intent,
              "amount": payment.amount, "amount_refunded": payment.amount}
    post_event(stripe_event("charge.refunded", charge))
    payment.refresh_from_db()
    assert payment.status == "refunded" and payment.amount_refunded == payment.amount
    # A late duplicate "succeeded" (new event id) does not bring it back to paid.
    post_event(stripe_event("payment_intent.succeeded", intent_obj(payment)))
    payment.refresh_from_db()
    assert payment.status == "refunded"


def test_payment_for_a_cancelled_order_is_refunded_automatically(card_order, post_event):
    order, product, *_ = card_order
    payment = order.payment
    OrderPayment.objects.filter(pk=payment.pk).update(expires_at=payment.created_at)
    assert services.payments_cancel_expired() == [order.number]
    assert product.stockrecords.get().num_allocated == 0
    # The shopper's card went through anyway (confirmed just before the deadline).
    gateway.confirm_payment_intent(payment.stripe_payment_intent, payment_method="pm_card_visa")
    response = post_event(stripe_event("payment_intent.succeeded", intent_obj(payment)))
    assert response.json()["outcome"] == "paid after cancel: refunded"
    payment.refresh_from_db()
    assert payment.status == "refunded" and payment.amount_refunded == payment.amount


def test_amount_mismatch_is_flagged_for_staff(card_order, post_event):
    order, *_ = card_order
    payment = order.payment
    post_event(stripe_event("payment_intent.succeeded", intent_obj(payment, amount=1000, amount_received=1000)))
    payment.refresh_from_db()
    assert payment.status == "needs_review"


def test_unknown_intent_is_acknowledged_without_changes(stripe_settings, post_event, db):
    response = post_event(stripe_event("payment_intent.succeeded", {"id": "pi_unknown", "amount": 5}))
    assert response.status_code == 200 and response.json()["outcome"] == "unknown payment intent"


def test_webhook_is_404_without_stripe_settings(client, db):
    payload = stripe_event("payment_intent.succeeded", {"id": "pi_x"})
    assert client.post("/webhooks/stripe/", data=payload, content_type="application/json").status_code == 404
    assert StripeEvent.objects.count() == 0
