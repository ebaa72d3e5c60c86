"""Only lines of a delivered parcel can be returned."""
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from marketplace.complaints.models import ReturnRequest
from marketplace.order.services import parcel_set_status
from tests.factories.checkout import producer_product, staff_user
from tests.factories.complaints import open_request, producer_with_profile, shopper_order

pytestmark = pytest.mark.django_db


def test_a_shipped_line_is_refused(client, vietnam):
    partner = producer_with_profile("HTX Miến dong Tài Hoan")
    order, user = shopper_order([producer_product(partner, title="Miến dong")])
    parcel = order.parcels.get()
    admin = staff_user("order.change_order")
    for status in ("confirmed", "shipped"):
        parcel_set_status(parcel_id=parcel.pk, status=status, user=admin)
    line = order.lines.get()
    with pytest.raises(ValidationError) as error:
        open_request(line, user)
    assert error.value.messages == ["Chỉ gửi được yêu cầu đổi trả cho hàng đã giao."]

    client.force_login(user)
    page = client.get(reverse("complaints:open", kwargs={"line_id": line.pk})).content.decode()
    assert "Chỉ gửi được yêu cầu đổi trả cho hàng đã giao." in page
    order_page = client.get(reverse("customer:order", kwargs={"order_number": order.number})).content.decode()
    assert "complaint-open" not in order_page
    assert ReturnRequest.objects.count() == 0


def test_the_order_page_offers_the_request_on_a_delivered_line(client, cod_case):
    client.force_login(cod_case["user"])
    page = client.get(reverse("customer:order", kwargs={"order_number": cod_case["order"].number})).content.decode()
    assert reverse("complaints:open", kwargs={"line_id": cod_case["line"].pk}) in page
    assert "Yêu cầu đổi trả / khiếu nại" in page
