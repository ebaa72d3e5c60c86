"""Refund = what the returned units cost (shipping not included); the units and đồng of a line
are never refunded twice across successive requests."""
import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from oscar.core.loading import get_model

from marketplace.complaints import services
from tests.factories import UserFactory
from tests.factories.checkout import add_to_basket, guest_checkout_until_preview, place_order, producer_product, staff_user
from tests.factories.complaints import deliver, open_request, producer_with_profile
from tests.factories.shops import producer_user

pytestmark = pytest.mark.django_db


def test_partial_returns_never_exceed_the_line(vietnam):
    partner = producer_with_profile("HTX Trà Shan tuyết")
    product = producer_product(partner, title="Trà Shan tuyết", stock=10)
    client = Client()
    add_to_basket(client, product, 3)
    guest_checkout_until_preview(client)
    place_order(client)
    order = get_model("order", "Order").objects.get()
    order.user = UserFactory()
    order.save()
    deliver(order, partner)
    line = order.lines.get()
    user, producer, judge = order.user, producer_user(partner), staff_user("complaints.decide_returnrequest")

    with pytest.raises(ValidationError) as error:
        open_request(line, user, quantity=4)
    assert error.value.message_dict["quantity"] == ["Số lượng trả phải từ 1 đến 3."]

    first = open_request(line, user, quantity=2)
    assert first.refund_amount == 240000  # 2 × 120.000 ₫, shipping not refunded
    services.request_answer(request_id=first.pk, user=producer, accept=True)
    services.refund_transfer_record(request_id=first.pk, user=judge, reference="FT-A")

    with pytest.raises(ValidationError) as error:
        open_request(line, user, quantity=2)
    assert error.value.message_dict["quantity"] == ["Số lượng trả phải từ 1 đến 1."]
    second = open_request(line, user, quantity=1)
    assert second.refund_amount == 120000
    services.request_answer(request_id=second.pk, user=producer, accept=True)
    services.refund_transfer_record(request_id=second.pk, user=judge, reference="FT-B")

    with pytest.raises(ValidationError) as error:
        services.open_check(line=line, user=user)
    assert error.value.messages == ["Toàn bộ số lượng của dòng hàng này đã được hoàn tiền."]
    order.payment.refresh_from_db()
    assert order.payment.amount_refunded == 360000 and order.payment.amount == 390000
