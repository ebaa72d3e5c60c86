"""The daily reminder command: certificates expiring within 30 days, one email each, ever."""
import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests.factories.catalogue import certified_product, producer

pytestmark = pytest.mark.django_db


def expiring_in(days, **kwargs):
    today = timezone.localdate()
    return certified_product(
        decision_date=today - datetime.timedelta(days=1000), valid_until=today + datetime.timedelta(days=days), **kwargs
    )


def test_reminder_is_sent_once_to_the_producer_contact_email(capsys, django_capture_on_commit_callbacks):
    product = expiring_in(20, title="Miến dong Tài Hoan", partner=producer("HTX Tài Hoan", email="taihoan@example.vn"))
    expiring_in(45, title="Còn 45 ngày", partner=producer("HTX Xa", slug="htx-xa", email="xa@example.vn"))

    with django_capture_on_commit_callbacks(execute=True):  # sent by the background task after the commit
        call_command("send_ocop_expiry_reminders")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["taihoan@example.vn"]
    assert "Miến dong Tài Hoan" in message.subject
    valid_until = product.ocop_certificates.get().valid_until.strftime("%d/%m/%Y")
    assert valid_until in message.body
    assert product.ocop_certificates.get().expiry_reminder_sent_at is not None

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_ocop_expiry_reminders")  # the next day's run
    assert len(mail.outbox) == 1
    out = capsys.readouterr().out
    assert "0 sent" in out


def test_producer_without_email_is_listed_not_marked(capsys):
    product = expiring_in(5, title="Bánh gio", partner=producer("Hộ Lường", slug="ho-luong", email=""))
    call_command("send_ocop_expiry_reminders")
    assert mail.outbox == []
    assert "no contact email" in capsys.readouterr().out
    assert product.ocop_certificates.get().expiry_reminder_sent_at is None


def test_expired_and_revoked_certificates_get_no_reminder():
    expiring_in(-1, title="Đã hết hạn", partner=producer("A", slug="a", email="a@example.vn"))
    revoked = expiring_in(3, title="Đã thu hồi", partner=producer("B", slug="b", email="b@example.vn"))
    revoked.ocop_certificates.update(status="revoked", revoked_at=timezone.now(), revocation_reason="x")
    call_command("send_ocop_expiry_reminders")
    assert mail.outbox == []


def test_a_reminder_that_could_not_be_recorded_is_retried_next_run(monkeypatch):
    from ocop import services

    product = expiring_in(10, partner=producer("HTX C", slug="c", email="c@example.vn"))

    def broken(**kwargs):
        raise ConnectionRefusedError

    monkeypatch.setattr(services, "mail_enqueue", broken)
    run = services.expiry_reminders_send()
    assert run.failed and product.ocop_certificates.get().expiry_reminder_sent_at is None
    monkeypatch.undo()
    assert len(services.expiry_reminders_send().sent) == 1
