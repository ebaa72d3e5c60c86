"""The appraisal state machine: applicant submits, staff (by permission) decide; every step is
recorded and the applicant emailed."""
import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from sales_points import services
from sales_points.models import AppraisalEvent, SalesPoint
from tests.factories import UserFactory
from tests.factories.sales_points import SalesPointFactory, appraiser, stock_point

pytestmark = pytest.mark.django_db
S = SalesPoint.Status


def submitted_point():
    point = SalesPointFactory()
    stock_point(point, 30)
    services.sales_point_submit(point=point, actor=point.applicant)
    point.refresh_from_db()
    return point


def approve(point, staff):
    return services.sales_point_approve(
        point=point, actor=staff, decision_number="123/QĐ-SCT", decision_date=timezone.localdate()
    )


def test_submit_requires_the_confirmed_criteria():
    point = SalesPointFactory()
    stock_point(point, 29)
    with pytest.raises(services.TransitionError) as error:
        services.sales_point_submit(point=point, actor=point.applicant)
    assert "còn thiếu 1 loại" in " ".join(error.value.messages)
    point.refresh_from_db()
    assert point.status == S.DRAFT


def test_no_jump_from_draft_to_approved():
    point = SalesPointFactory()
    stock_point(point, 30)
    with pytest.raises(services.TransitionError):
        approve(point, appraiser())
    point.refresh_from_db()
    assert point.status == S.DRAFT
    assert not point.decision_number


def test_full_lifecycle_is_recorded_and_emailed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        point = submitted_point()
        staff = appraiser()
        services.sales_point_request_changes(point=point, actor=staff, reason="Bổ sung ảnh biển hiệu")
        services.sales_point_submit(point=point, actor=point.applicant)
        approve(point, staff)
        services.sales_point_suspend(point=point, actor=staff, reason="Bán sản phẩm hết hạn chứng nhận")
        services.sales_point_reinstate(point=point, actor=staff, reason="Đã khắc phục")
        services.sales_point_revoke(point=point, actor=staff, reason="Vi phạm nhiều lần")
    point.refresh_from_db()
    assert point.status == S.REVOKED
    assert point.decision_number == "123/QĐ-SCT"
    steps = list(AppraisalEvent.objects.filter(point=point).order_by("pk").values_list("from_status", "to_status"))
    assert steps == [
        (S.DRAFT, S.SUBMITTED),
        (S.SUBMITTED, S.CHANGES_REQUESTED),
        (S.CHANGES_REQUESTED, S.SUBMITTED),
        (S.SUBMITTED, S.APPROVED),
        (S.APPROVED, S.SUSPENDED),
        (S.SUSPENDED, S.APPROVED),
        (S.APPROVED, S.REVOKED),
    ]
    assert len(mail.outbox) == 7
    assert point.contact_email in mail.outbox[0].to
    assert "Bổ sung ảnh biển hiệu" in mail.outbox[1].body
    assert "123/QĐ-SCT" in mail.outbox[3].body
    assert "/sales-points/mine/" in mail.outbox[3].body
    assert "Đã thu hồi công nhận" in mail.outbox[-1].subject


def test_revoked_and_rejected_are_final():
    point = submitted_point()
    staff = appraiser()
    services.sales_point_reject(point=point, actor=staff, reason="Không đủ điều kiện")
    for call in (
        lambda: approve(point, staff),
        lambda: services.sales_point_submit(point=point, actor=point.applicant),
        lambda: services.sales_point_suspend(point=point, actor=staff, reason="x"),
    ):
        with pytest.raises(ValidationError):
            call()
    point.refresh_from_db()
    assert point.status == S.REJECTED


def test_only_staff_with_the_permission_can_appraise():
    point = submitted_point()
    is_staff_only = UserFactory(is_staff=True)
    for actor in (point.applicant, is_staff_only):
        with pytest.raises(PermissionDenied):
            approve(point, actor)
    point.refresh_from_db()
    assert point.status == S.SUBMITTED


def test_reasons_and_decision_are_required():
    point = submitted_point()
    staff = appraiser()
    with pytest.raises(ValidationError) as error:
        services.sales_point_reject(point=point, actor=staff, reason="  ")
    assert "Vui lòng nêu lý do." in error.value.messages
    with pytest.raises(ValidationError) as error:
        services.sales_point_approve(
            point=point, actor=staff, decision_number="", decision_date=timezone.localdate() + datetime.timedelta(days=1)
        )
    assert set(error.value.message_dict) == {"decision_number", "decision_date"}


def test_dashboard_requires_the_permission_not_is_staff(client):
    point = submitted_point()
    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse("sales_points:dashboard-list")).status_code == 403
    assert client.post(reverse("sales_points:dashboard-action", args=[point.pk, "reject"]), {"reject-reason": "x"}).status_code == 403
    client.force_login(appraiser())
    page = client.get(reverse("sales_points:dashboard-list"))
    assert page.status_code == 200
    assert point.name in page.content.decode()


def test_dashboard_approve_and_bad_input(client):
    point = submitted_point()
    client.force_login(appraiser())
    url = reverse("sales_points:dashboard-action", args=[point.pk, "approve"])
    bad = client.post(url, {"approve-decision_number": "", "approve-decision_date": ""})
    assert bad.status_code == 400
    assert "Trường này là bắt buộc." in bad.content.decode() or "This field is required" in bad.content.decode()
    good = client.post(url, {"approve-decision_number": "45/QĐ-SCT", "approve-decision_date": "2026-01-15"})
    assert good.status_code == 302
    point.refresh_from_db()
    assert (point.status, point.decision_number, point.decision_date) == (
        S.APPROVED,
        "45/QĐ-SCT",
        datetime.date(2026, 1, 15),
    )
    detail = client.get(reverse("sales_points:dashboard-detail", args=[point.pk]))
    assert "15/01/2026" in detail.content.decode()


def test_dashboard_menu_entry_only_for_appraisers():
    from oscar.apps.dashboard.menu import get_nodes

    labels = lambda user: [str(node.label) for node in get_nodes(user)]  # noqa: E731
    assert "Điểm bán OCOP" in labels(appraiser())
    assert "Điểm bán OCOP" not in labels(UserFactory(is_staff=True))
