"""The shopper is e-mailed when the request is answered, decided and refunded (Vietnamese, or
English when the order was placed in English)."""
import pytest

from marketplace.complaints import services
from tests.factories.checkout import staff_user
from tests.factories.complaints import open_request
from tests.factories.shops import producer_user

pytestmark = pytest.mark.django_db


def test_answer_decision_and_refund_each_send_an_email(cod_case, mailoutbox, django_capture_on_commit_callbacks):
    producer = producer_user(cod_case["partner"], email="htx@example.vn")
    mailoutbox.clear()  # order placed / delivered e-mails
    with django_capture_on_commit_callbacks(execute=True):
        request = open_request(cod_case["line"], cod_case["user"])
    assert [m.to for m in mailoutbox] == [["htx@example.vn"]]  # the producer hears of the new request
    assert "Yêu cầu đổi trả mới" in mailoutbox[0].subject
    mailoutbox.clear()
    judge = staff_user("complaints.decide_returnrequest")
    with django_capture_on_commit_callbacks(execute=True):
        services.request_answer(request_id=request.pk, user=producer, accept=False, answer="Hàng còn nguyên.")
    with django_capture_on_commit_callbacks(execute=True):
        services.request_escalate(request_id=request.pk, user=cod_case["user"])
    with django_capture_on_commit_callbacks(execute=True):
        services.request_decide(request_id=request.pk, user=judge, accept=True, note="Ảnh cho thấy hũ vỡ.")
    with django_capture_on_commit_callbacks(execute=True):
        services.refund_transfer_record(request_id=request.pk, user=judge, reference="FT26333999")
    shopper = cod_case["user"].email
    assert [m.to for m in mailoutbox] == [[shopper]] * 3
    answered, decided, refunded = mailoutbox
    assert "Nhà sản xuất đã trả lời yêu cầu đổi trả" in answered.subject and "Hàng còn nguyên." in answered.body
    assert "chuyển yêu cầu cho Ban quản lý sàn" in answered.body
    assert "Ban quản lý sàn chấp nhận yêu cầu của bạn" in decided.body and "120.000" in decided.body
    assert "FT26333999" in refunded.body and "Chuyển khoản ngân hàng" in refunded.body
    assert f"/accounts/returns/{request.pk}/" in refunded.body


def test_english_order_gets_english_emails(cod_case, mailoutbox, django_capture_on_commit_callbacks):
    payment = cod_case["order"].payment
    payment.language = "en"
    payment.save(update_fields=["language"])
    request = open_request(cod_case["line"], cod_case["user"])
    with django_capture_on_commit_callbacks(execute=True):
        services.request_answer(request_id=request.pk, user=producer_user(cod_case["partner"]), accept=True)
    (mail,) = [m for m in mailoutbox if m.to == [cod_case["user"].email]]
    assert mail.subject.startswith("The producer answered return request")
    assert "The producer agreed" in mail.body and "120.000" in mail.body


def test_staff_get_a_daily_digest_of_escalated_requests_and_overdue_refunds(
    cod_case, mailoutbox, django_capture_on_commit_callbacks
):
    """Beat's "complaints-overdue-digest" entry: once a day, to each staff member who decides."""
    import datetime

    from django.utils import timezone

    from marketplace.complaints.models import ReturnRequest

    producer = producer_user(cod_case["partner"], email="htx@example.vn")
    judge = staff_user("complaints.decide_returnrequest", email="bqlsan@example.vn")
    staff_user("order.view_order", email="khac@example.vn")  # cannot decide: no digest
    with django_capture_on_commit_callbacks(execute=True):
        request = open_request(cod_case["line"], cod_case["user"])
        services.request_answer(request_id=request.pk, user=producer, accept=False, answer="Không lỗi.")
        services.request_escalate(request_id=request.pk, user=cod_case["user"])
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.overdue_digest_send() == 1
        assert services.overdue_digest_send() == 0  # the same day again: nothing new
    assert [m.to for m in mailoutbox] == [["bqlsan@example.vn"]]
    assert "1 yêu cầu chờ quyết định" in mailoutbox[0].subject and cod_case["line"].order.number in mailoutbox[0].body

    with django_capture_on_commit_callbacks(execute=True):
        services.request_decide(request_id=request.pk, user=judge, accept=True, note="Ảnh cho thấy hũ vỡ.")
    ReturnRequest.objects.filter(pk=request.pk).update(accepted_at=timezone.now() - datetime.timedelta(days=6))
    mailoutbox.clear()
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.overdue_digest_send(now=tomorrow) == 1
    assert "1 hoàn tiền quá hạn" in mailoutbox[0].subject
