"""Card orders are refunded through Stripe (localstripe on 127.0.0.1, no network) exactly once,
and Payment.amount_refunded ends right whether our call or the charge.refunded webhook comes first."""
import pytest
from django.test import Client

from marketplace.complaints import services
from marketplace.complaints.models import Refund
from marketplace.payments import services as payment_services
from marketplace.payments.stripe import gateway
from tests.factories.checkout import producer_product
from tests.factories.complaints import deliver, open_request, producer_with_profile, shopper_order
from tests.factories.shops import producer_user
from tests.payments.conftest import stripe_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def card_case(vietnam, stripe_settings, post_event):
    partner = producer_with_profile("HTX Hồng không hạt")
    product = producer_product(partner, title="Hồng không hạt Ba Bể", stock=5)
    order, user = shopper_order([product], method="card", client=Client())
    payment = order.payment
    intent = gateway.confirm_payment_intent(payment.stripe_payment_intent, payment_method="pm_card_visa")
    obj = gateway.client().v1.payment_intents.retrieve(intent.id).to_dict()
    assert post_event(stripe_event("payment_intent.succeeded", obj)).json()["outcome"] == "paid"
    deliver(order, partner)
    request = open_request(order.lines.get(), user, refund_bank_name="", refund_account_number="", refund_account_name="")
    return {"order": order, "user": user, "partner": partner, "request": request}


def _stripe_refunds(payment):
    return gateway.client().v1.refunds.list(params={"payment_intent": payment.stripe_payment_intent}).data


@pytest.fixture
def gateway_calls(monkeypatch):
    calls = []
    real = gateway.refund_part_of_payment_intent

    def spy(*args, **kwargs):
        calls.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(gateway, "refund_part_of_payment_intent", spy)
    return calls


def test_acceptance_refunds_the_card_once_and_repeats_add_nothing(
    card_case, gateway_calls, post_event, django_capture_on_commit_callbacks
):
    request = card_case["request"]
    # Stripe is called once the acceptance has committed, outside its row locks.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.request_answer(request_id=request.pk, user=producer_user(card_case["partner"]), accept=True)
    assert not gateway_calls and not Refund.objects.exists()
    for callback in callbacks:
        callback()
    refund = Refund.objects.get()
    assert refund.method == "card" and refund.amount == 120000 and refund.stripe_refund_id.startswith("re_")
    assert services.refund_card(request_id=request.pk) == refund
    assert services.refund_card(request_id=request.pk) == refund
    assert len(gateway_calls) == 1 and gateway_calls[0]["idempotency_key"] == f"complaint-{request.pk}-refund"
    payment = card_case["order"].payment
    payment.refresh_from_db()
    assert [r.amount for r in _stripe_refunds(payment)] == [120000]
    assert payment.amount_refunded == 120000 and payment.status == "paid"  # 30.000 ₫ shipping not refunded

    # Stripe's charge.refunded webhook arrives afterwards with its running total: nothing more is counted.
    charge = {"id": "ch_x", "object": "charge", "payment_intent": payment.stripe_payment_intent, "amount_refunded": 120000}
    assert post_event(stripe_event("charge.refunded", charge)).json()["outcome"] == "ignored: no new refund"
    payment.refresh_from_db()
    assert payment.amount_refunded == 120000
    request.refresh_from_db()
    assert request.status == "refunded"


def test_webhook_counted_first_then_our_call_ends_with_the_same_total(
    card_case, monkeypatch, django_capture_on_commit_callbacks
):
    request = card_case["request"]
    payment = card_case["order"].payment
    real = gateway.refund_part_of_payment_intent

    def refund_then_webhook(*args, **kwargs):
        result = real(*args, **kwargs)
        # The webhook for this very refund is applied before our call records anything.
        payment_services.stripe_event_handle(
            event={"id": "evt_early", "type": "charge.refunded",
                   "data": {"object": {"payment_intent": payment.stripe_payment_intent,
                                       "amount_refunded": result.charge_amount_refunded}}}
        )
        return result

    monkeypatch.setattr(gateway, "refund_part_of_payment_intent", refund_then_webhook)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_answer(request_id=request.pk, user=producer_user(card_case["partner"]), accept=True)
    payment.refresh_from_db()
    assert payment.amount_refunded == 120000 and Refund.objects.count() == 1


def test_gateway_failure_keeps_the_acceptance_and_staff_can_retry(
    card_case, monkeypatch, django_capture_on_commit_callbacks
):
    request = card_case["request"]

    def down(*args, **kwargs):
        raise gateway.GatewayError("connection refused")

    monkeypatch.setattr(gateway, "refund_part_of_payment_intent", down)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_answer(request_id=request.pk, user=producer_user(card_case["partner"]), accept=True)
    request.refresh_from_db()
    assert request.status == "producer_accepted" and not Refund.objects.exists()
    assert request.events.filter(action="refund_failed").exists()
    payment = card_case["order"].payment
    payment.refresh_from_db()
    assert payment.amount_refunded == 0
    monkeypatch.undo()
    services.refund_card(request_id=request.pk)
    payment.refresh_from_db()
    assert payment.amount_refunded == 120000 and Refund.objects.count() == 1
