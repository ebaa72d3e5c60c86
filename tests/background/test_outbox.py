"""The e-mail outbox (eager mode): an e-mail is recorded in the request's transaction, sent after
the commit, once per event; a mail server that is down is retried and, in the end, shown to staff."""
import datetime

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from background import services, tasks
from background.models import OutboundEmail
from tests.background import backends

pytestmark = pytest.mark.django_db


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = "tests.background.backends.FlakyBackend"
    backends.state["down"] = False
    yield backends.state
    backends.state["down"] = False


def enqueue(key="order:1:paid", to="khach@example.vn"):
    return services.mail_enqueue(key=key, to=to, subject="Đơn hàng đã thanh toán", body="Cảm ơn bạn.")


def test_sent_after_the_commit_and_only_once_per_event(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert enqueue() is True
        assert mail.outbox == []  # nothing leaves inside the transaction
        assert enqueue() is False  # the same event again: nothing new
    assert len(callbacks) == 1
    assert [m.to for m in mail.outbox] == [["khach@example.vn"]]
    row = OutboundEmail.objects.get()
    # Should it ever leave twice (a worker killed between the server's "250" and marking the row),
    # both copies carry this Message-ID, which mailboxes show once.
    assert mail.outbox[0].message()["Message-ID"] == services.message_id(row)
    assert row.status == "sent" and row.sent_at and row.attempts == 1

    # The task delivered a second time (acks_late, a restarted worker, a re-queue): no second e-mail.
    tasks.mails_send.apply(args=[[row.pk]])
    services.mails_send([row.pk])
    assert len(mail.outbox) == 1


def test_a_rolled_back_request_records_and_sends_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                enqueue()
                raise RuntimeError("the order could not be placed")
        except RuntimeError:
            pass
    assert mail.outbox == [] and not OutboundEmail.objects.exists()


def test_a_row_another_worker_holds_is_left_to_it():
    with transaction.atomic():
        enqueue()
    row = OutboundEmail.objects.get()
    OutboundEmail.objects.filter(pk=row.pk).update(status="pending", claimed_until=timezone.now() + datetime.timedelta(minutes=5))
    mail.outbox.clear()
    assert services.mails_send([row.pk]) == [row.pk]  # try again after the lease
    assert mail.outbox == []


def test_mail_server_down_is_retried_then_failed_visibly_then_sent_once(
    flaky, admin_client, django_capture_on_commit_callbacks
):
    flaky["down"] = True
    with django_capture_on_commit_callbacks(execute=True):
        enqueue(key="return:7:decided")
    row = OutboundEmail.objects.get()
    assert row.status == "pending" and "SMTP server unreachable" in row.last_error  # waits for a retry

    # A worker's last retry: the row is marked failed, with its error, for staff.
    assert services.mails_send([row.pk], final=True) == []
    row.refresh_from_db()
    assert row.status == "failed" and "ConnectionRefusedError" in row.last_error
    page = admin_client.get("/django-admin/background/outboundemail/?status__exact=failed").content.decode()
    assert "Đơn hàng đã thanh toán" in page and "SMTP server unreachable" in page

    # The server is back; staff press "Gửi lại": the e-mail goes out once.
    flaky["down"] = False
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            "/django-admin/background/outboundemail/", {"action": "requeue", "_selected_action": [row.pk]}
        )
    row.refresh_from_db()
    assert row.status == "sent" and len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.failed_requeue(mail_ids=[row.pk]) == 0  # only failed rows
    assert len(mail.outbox) == 1


def test_the_task_retries_with_backoff_while_the_server_is_down(flaky, monkeypatch):
    """Not eager (as in a worker): a failure asks Celery for a retry, until the retries run out."""
    from celery.exceptions import Retry

    flaky["down"] = True
    with transaction.atomic():
        enqueue()
    row = OutboundEmail.objects.get()
    task = tasks.mails_send
    monkeypatch.setattr(task, "retry", lambda **kwargs: Retry(kwargs))
    task.push_request(retries=0, is_eager=False)
    try:
        with pytest.raises(Retry):
            task.run([row.pk])
    finally:
        task.pop_request()
    assert OutboundEmail.objects.get().status == "pending"
    task.push_request(retries=task.max_retries, is_eager=False)
    try:
        task.run([row.pk])  # the last attempt: no more retries
    finally:
        task.pop_request()
    assert OutboundEmail.objects.get().status == "failed"


def test_backoff_doubles_up_to_ten_minutes(settings):
    settings.BACKGROUND_RETRY_BASE_SECONDS = 10
    assert 8 <= tasks.backoff(0) <= 12 and 32 <= tasks.backoff(2) <= 48 and tasks.backoff(20) <= 720


def test_messages_the_broker_lost_are_sent_again_once(settings, django_capture_on_commit_callbacks, monkeypatch):
    """Redis restarted without persistence: the rows still pending are re-queued by beat."""
    with monkeypatch.context() as patch, transaction.atomic():
        patch.setattr(services, "_send_later", lambda *args: None)  # the broker loses every message
        enqueue(key="a", to="a@example.vn")
        enqueue(key="b", to="b@example.vn")
    assert mail.outbox == []
    assert services.stale_requeue() == {"jobs": 0, "mails": 0}  # too recent: maybe still queued
    later = timezone.now() + datetime.timedelta(seconds=settings.BACKGROUND_REQUEUE_AFTER_SECONDS + 1)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.stale_requeue(now=later) == {"jobs": 0, "mails": 2}
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.vn", "b@example.vn"]
    with django_capture_on_commit_callbacks(execute=True):
        assert services.stale_requeue(now=later + datetime.timedelta(hours=1)) == {"jobs": 0, "mails": 0}
    assert len(mail.outbox) == 2


def test_fan_out_batches(settings, django_capture_on_commit_callbacks):
    settings.BACKGROUND_MAIL_BATCH = 10
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.mails_enqueue(
            [{"key": f"e:{n}", "to": f"u{n}@example.vn", "subject": "s", "body": "b"} for n in range(25)]
        )
    assert len(callbacks) == 3  # three tasks of ≤ 10 e-mails
    assert len(mail.outbox) == 25


def test_sent_mails_are_pruned_after_a_month(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        enqueue()
    assert services.done_prune()["mails"] == 0
    assert services.done_prune(now=timezone.now() + datetime.timedelta(days=31))["mails"] == 1
