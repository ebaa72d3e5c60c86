"""A request may be opened until WINDOW_DAYS after delivery, not one second later."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from oscar.core.loading import get_model

from marketplace.complaints import rules, services
from marketplace.complaints.models import ReturnRequest
from tests.factories.complaints import days_ago, open_request

pytestmark = pytest.mark.django_db
Parcel = get_model("order", "Parcel")


def _delivered_at(case, when):
    Parcel.objects.filter(order=case["order"], partner=case["partner"]).update(updated_at=when)
    return when


def test_last_second_of_the_window_is_allowed_the_next_is_not(cod_case):
    delivered = _delivered_at(cod_case, days_ago(1))
    line, user = cod_case["line"], cod_case["user"]
    closes = delivered + datetime.timedelta(days=rules.WINDOW_DAYS)
    assert services.open_check(line=line, user=user, now=closes) == delivered
    with pytest.raises(ValidationError) as error:
        services.open_check(line=line, user=user, now=closes + datetime.timedelta(seconds=1))
    assert f"Đã quá {rules.WINDOW_DAYS} ngày kể từ khi nhận hàng" in error.value.messages[0]


def test_a_late_request_is_refused_on_the_page_and_nothing_is_saved(client, cod_case):
    _delivered_at(cod_case, days_ago(rules.WINDOW_DAYS, minutes=1))
    client.force_login(cod_case["user"])
    url = reverse("complaints:open", kwargs={"line_id": cod_case["line"].pk})
    page = client.get(url).content.decode()
    assert "Đã quá 7 ngày kể từ khi nhận hàng" in page and 'name="reason"' not in page
    response = client.post(url, {"quantity": 1, "reason": "damaged"})
    assert response.status_code == 400
    assert ReturnRequest.objects.count() == 0


def test_within_the_window_the_request_is_opened(cod_case):
    _delivered_at(cod_case, days_ago(rules.WINDOW_DAYS - 1))
    request = open_request(cod_case["line"], cod_case["user"])
    assert request.status == "open" and request.photos.count() == 1
    assert request.refund_amount == 120000 and request.partner == cod_case["partner"]
    assert request.events.get().action == "opened"


def test_one_open_request_per_line(cod_case):
    open_request(cod_case["line"], cod_case["user"])
    with pytest.raises(ValidationError) as error:
        open_request(cod_case["line"], cod_case["user"])
    assert "đã có một yêu cầu đang xử lý" in error.value.messages[0]
    assert ReturnRequest.objects.count() == 1
