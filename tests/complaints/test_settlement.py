"""The settlement report counts a complaint refund for the producer that owns the returned line."""
import pytest
from django.utils import timezone

from marketplace.complaints import services
from marketplace.payments.selectors import settlement_report
from tests.factories.checkout import producer_product, staff_user
from tests.factories.complaints import deliver, open_request, producer_with_profile, shopper_order
from tests.factories.shops import producer_user

pytestmark = pytest.mark.django_db


def test_refund_goes_to_the_lines_producer_only(vietnam):
    rice = producer_with_profile("HTX Gạo Bao Thai")
    honey = producer_with_profile("HTX Mật ong Ba Bể")
    order, user = shopper_order(
        [producer_product(rice, title="Gạo Bao Thai"), producer_product(honey, title="Mật ong", price=200000)]
    )
    deliver(order, rice)
    deliver(order, honey)
    line = order.lines.get(partner=honey)
    request = open_request(line, user)
    services.request_answer(request_id=request.pk, user=producer_user(honey), accept=True)
    services.refund_transfer_record(request_id=request.pk, user=staff_user("complaints.decide_returnrequest"), reference="FT1")

    today = timezone.localdate()
    rows = {row.partner.name: row for row in settlement_report(start=today, end=today)}
    assert rows["HTX Mật ong Ba Bể"].refunds == 200000
    assert rows["HTX Gạo Bao Thai"].refunds == 0
    # honey: 200.000 goods + 30.000 shipping collected by COD, 200.000 given back
    assert rows["HTX Mật ong Ba Bể"].owed == 30000
    assert rows["HTX Gạo Bao Thai"].owed == 150000
