"""Shopper and producer disagree → the shopper escalates → staff with the permission decide."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from marketplace.complaints import rules, services
from marketplace.complaints.models import ReturnRequest
from tests.factories.checkout import staff_user
from tests.factories.complaints import open_request
from tests.factories.shops import producer_user

pytestmark = pytest.mark.django_db


def test_rejected_request_goes_to_staff_who_accept_it(client, cod_case):
    request = open_request(cod_case["line"], cod_case["user"])
    with pytest.raises(ValidationError):  # nothing to escalate yet: the producer has days to answer
        services.request_escalate(request_id=request.pk, user=cod_case["user"])
    services.request_answer(
        request_id=request.pk, user=producer_user(cod_case["partner"]), accept=False, answer="Hàng giao nguyên vẹn."
    )
    client.force_login(cod_case["user"])
    detail = reverse("complaints:detail", kwargs={"pk": request.pk})
    assert "Chuyển Ban quản lý sàn quyết định" in client.get(detail).content.decode()
    client.post(detail, {"action": "escalate", "note": "Ảnh cho thấy nắp vỡ."})
    request.refresh_from_db()
    assert request.status == "escalated" and request.escalation_note == "Ảnh cho thấy nắp vỡ."

    plain_staff = staff_user()  # is_staff alone is not the permission
    client.force_login(plain_staff)
    assert client.get(reverse("complaints:staff-detail", kwargs={"pk": request.pk})).status_code == 403
    with pytest.raises(PermissionDenied):
        services.request_decide(request_id=request.pk, user=plain_staff, accept=True, note="x")

    judge = staff_user("complaints.decide_returnrequest")
    client.force_login(judge)
    listing = client.get(reverse("complaints:staff-list")).content.decode()
    assert f"#{request.pk}" in listing
    url = reverse("complaints:staff-detail", kwargs={"pk": request.pk})
    response = client.post(url, {"action": "decide", "decision": "accept", "note": ""})
    assert response.status_code == 400
    response = client.post(url, {"action": "decide", "decision": "accept", "note": "Ảnh chứng minh hàng vỡ."})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "staff_accepted" and request.decided_by == judge
    # COD order: no money moved by itself; staff now see the transfer form with the shopper's account
    page = client.get(url).content.decode()
    assert "0123456789" in page and "Ghi nhận đã chuyển khoản hoàn tiền" in page


def test_no_answer_within_the_days_lets_the_shopper_escalate(cod_case):
    request = open_request(cod_case["line"], cod_case["user"])
    later = request.created_at + datetime.timedelta(days=rules.PRODUCER_ANSWER_DAYS)
    with pytest.raises(ValidationError):
        services.request_escalate(request_id=request.pk, user=cod_case["user"], now=later - datetime.timedelta(seconds=1))
    services.request_escalate(request_id=request.pk, user=cod_case["user"], now=later)
    assert ReturnRequest.objects.get().status == "escalated"


def test_staff_rejection_is_final(cod_case):
    request = open_request(cod_case["line"], cod_case["user"])
    services.request_answer(request_id=request.pk, user=producer_user(cod_case["partner"]), accept=False, answer="Không lỗi.")
    services.request_escalate(request_id=request.pk, user=cod_case["user"])
    services.request_decide(
        request_id=request.pk, user=staff_user("complaints.decide_returnrequest"), accept=False, note="Không đủ chứng cứ."
    )
    request.refresh_from_db()
    assert request.status == "staff_rejected" and request.is_final
    with pytest.raises(ValidationError):
        services.request_escalate(request_id=request.pk, user=cod_case["user"])
    assert timezone.now() >= request.decided_at
