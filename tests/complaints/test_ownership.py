"""Only the order's owner sees and opens requests: another shopper's line or request is a 404."""
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from marketplace.complaints.models import ReturnRequest
from tests.factories import UserFactory
from tests.factories.complaints import open_request
from tests.factories.shops import jpeg_upload

pytestmark = pytest.mark.django_db


def test_another_shoppers_line_and_request_are_404(client, cod_case):
    request = open_request(cod_case["line"], cod_case["user"])
    client.force_login(UserFactory(username="nguoi-la"))
    assert client.get(reverse("complaints:open", kwargs={"line_id": cod_case["line"].pk})).status_code == 404
    response = client.post(
        reverse("complaints:open", kwargs={"line_id": cod_case["line"].pk}),
        {"quantity": 1, "reason": "damaged", "photos": [jpeg_upload()]},
    )
    assert response.status_code == 404
    assert client.get(reverse("complaints:detail", kwargs={"pk": request.pk})).status_code == 404
    assert client.post(reverse("complaints:detail", kwargs={"pk": request.pk}), {"action": "close"}).status_code == 404
    assert "Bạn chưa gửi yêu cầu đổi trả nào" in client.get(reverse("complaints:list")).content.decode()
    assert ReturnRequest.objects.get().status == "open"


def test_service_refuses_a_stranger(cod_case):
    with pytest.raises(PermissionDenied):
        open_request(cod_case["line"], UserFactory(username="nguoi-la-2"))


def test_a_guest_order_cannot_be_reached_by_line_id(client, cod_case):
    order = cod_case["order"]
    order.user = None
    order.guest_email = "khach@example.vn"
    order.save()
    client.force_login(cod_case["user"])
    assert client.get(reverse("complaints:open", kwargs={"line_id": cod_case["line"].pk})).status_code == 404


def test_anonymous_is_sent_to_login(client, cod_case):
    response = client.get(reverse("complaints:open", kwargs={"line_id": cod_case["line"].pk}))
    assert response.status_code == 302 and "login" in response["Location"]
