"""COD (and VietQR) orders are refunded by a bank transfer staff make and record; never counted twice."""
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from marketplace.complaints import services
from marketplace.complaints.models import Refund
from tests.factories.checkout import staff_user
from tests.factories.complaints import open_request
from tests.factories.shops import producer_user

pytestmark = pytest.mark.django_db


def test_accepted_cod_request_is_refunded_by_a_recorded_transfer_once(client, cod_case):
    request = open_request(cod_case["line"], cod_case["user"])
    services.request_answer(request_id=request.pk, user=producer_user(cod_case["partner"]), accept=True)
    request.refresh_from_db()
    assert request.status == "producer_accepted" and not Refund.objects.exists()  # nothing moved by itself

    judge = staff_user("complaints.decide_returnrequest")
    client.force_login(judge)
    url = reverse("complaints:staff-detail", kwargs={"pk": request.pk})
    assert url in client.get(reverse("complaints:staff-list")).content.decode()  # staff's to-do list
    response = client.post(url, {"action": "refund_transfer", "reference": ""})
    assert response.status_code == 400 and not Refund.objects.exists()
    response = client.post(url, {"action": "refund_transfer", "reference": "FT26333123456"})
    assert response.status_code == 302
    refund = Refund.objects.get()
    assert refund.method == "bank_transfer" and refund.amount == 120000
    assert refund.reference == "FT26333123456" and refund.recorded_by == judge and refund.partner == cod_case["partner"]
    payment = cod_case["order"].payment
    payment.refresh_from_db()
    assert payment.amount_refunded == 120000

    # repeated calls (a double click, a retry) add nothing
    again = services.refund_transfer_record(request_id=request.pk, user=judge, reference="FT-LAN-2")
    client.post(url, {"action": "refund_transfer", "reference": "FT-LAN-3"})
    assert again == refund and Refund.objects.count() == 1
    payment.refresh_from_db()
    assert payment.amount_refunded == 120000
    request.refresh_from_db()
    assert request.status == "refunded"


def test_producer_cannot_record_a_refund(cod_case):
    request = open_request(cod_case["line"], cod_case["user"])
    producer = producer_user(cod_case["partner"])
    services.request_answer(request_id=request.pk, user=producer, accept=True)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.refund_transfer_record(request_id=request.pk, user=producer, reference="X")


def test_refund_before_acceptance_is_refused(cod_case):
    request = open_request(cod_case["line"], cod_case["user"])
    with pytest.raises(ValidationError):
        services.refund_transfer_record(
            request_id=request.pk, user=staff_user("complaints.decide_returnrequest"), reference="FT1"
        )
