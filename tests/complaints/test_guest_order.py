"""A guest order is reached as Oscar reaches it: the signed order-status link from the order
e-mail plus the order's e-mail typed into Oscar's form. Then the guest files and follows a request."""
import pytest
from django.test import Client
from django.urls import reverse

from marketplace.complaints import services
from marketplace.complaints.models import ReturnRequest
from tests.factories import UserFactory
from tests.factories.checkout import guest_order, producer_product
from tests.factories.complaints import deliver, producer_with_profile
from tests.factories.shops import jpeg_upload, producer_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def guest_case(vietnam):
    partner = producer_with_profile("HTX Miến dong Tài Hoan")
    order = guest_order(Client(), [producer_product(partner, title="Miến dong Tài Hoan")])
    deliver(order, partner)
    return order, partner, {"order_number": order.number, "hash": order.verification_hash()}


def test_guest_files_escalates_and_is_emailed_through_the_status_link(client, guest_case, mailoutbox,
                                                                     django_capture_on_commit_callbacks):
    order, partner, link = guest_case
    line = order.lines.get()
    open_url = reverse("complaints:guest-open", kwargs={**link, "line_id": line.pk})
    response = client.get(open_url)  # the e-mail has not been typed yet: Oscar's form first
    assert response.status_code == 302 and response["Location"].endswith(reverse("customer:anon-order-form", kwargs=link))
    assert client.get(reverse("complaints:guest-open", kwargs={**link, "hash": "sai-chu-ky", "line_id": line.pk})).status_code == 404

    client.post(reverse("customer:anon-order-form", kwargs=link), {"email": order.guest_email})
    page = client.get(reverse("customer:anon-order", kwargs=link)).content.decode()
    assert open_url in page and "Yêu cầu đổi trả / khiếu nại" in page

    response = client.post(open_url, {
        "quantity": 1, "reason": "missing", "description": "Thiếu một gói", "photos": [jpeg_upload()],
        "refund_bank_name": "Agribank", "refund_account_number": "8888000011", "refund_account_name": "NGUYEN VAN B",
    })
    request = ReturnRequest.objects.get()
    detail_url = reverse("complaints:guest-detail", kwargs={**link, "pk": request.pk})
    assert response["Location"] == detail_url
    assert request.user is None and request.order == order

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.request_answer(request_id=request.pk, user=producer_user(partner), accept=False, answer="Đủ hàng.")
    (mail,) = mailoutbox
    assert mail.to == [order.guest_email] and detail_url in mail.body

    assert "Đủ hàng." in client.get(detail_url).content.decode()
    client.post(detail_url, {"action": "escalate", "note": "Ảnh cho thấy thiếu gói."})
    request.refresh_from_db()
    assert request.status == "escalated"


def test_guest_request_is_not_reachable_from_an_account_or_another_session(client, guest_case):
    order, _partner, link = guest_case
    line = order.lines.get()
    services.request_open(
        line_id=line.pk, user=None, guest_email=order.guest_email, quantity=1, reason="damaged",
        photos=[jpeg_upload()], refund_bank_name="Agribank", refund_account_number="8888000011",
        refund_account_name="NGUYEN VAN B",
    )
    request = ReturnRequest.objects.get()
    client.force_login(UserFactory(username="khach-khac"))
    assert client.get(reverse("complaints:detail", kwargs={"pk": request.pk})).status_code == 404
    session = client.session
    session["anon_order_email"] = "nguoi-khac@example.vn"
    session.save()
    response = client.get(reverse("complaints:guest-detail", kwargs={**link, "pk": request.pk}))
    assert response.status_code == 302 and "order-status-form" in response["Location"]
