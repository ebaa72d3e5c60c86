"""Integration: a real Celery worker (and beat) on Redis and PostgreSQL, as in production.
Run by .ci/run (REDIS_URL + DATABASE_URL); skipped otherwise, with the reason."""
import datetime
import email.header

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from marketplace.celery import app
from tests.background import worker

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(bool(worker.skip_reason(connection)), reason=worker.skip_reason(connection) or ""),
]


@pytest.fixture
def broker():
    """The test process sends real messages to the broker instead of running tasks eagerly."""
    app.conf.task_always_eager = False
    yield app
    app.conf.task_always_eager = True


@pytest.fixture
def running_worker(broker, tmp_path):
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = worker.environment(connection, mail_dir)
    process = worker.start_worker(env, tmp_path / "worker.log")
    try:
        assert worker.wait_for_worker(app), (tmp_path / "worker.log").read_text()[-3000:]
        yield {"mail_dir": mail_dir, "env": env, "tmp": tmp_path}
    finally:
        worker.stop(process)


def subject(message):
    return str(email.header.make_header(email.header.decode_header(message["Subject"])))


def test_a_cod_orders_email_arrives_through_the_worker(client, vietnam, running_worker):
    from background.models import OutboundEmail
    from tests.factories import PartnerFactory
    from tests.factories.checkout import guest_order, producer_product

    product = producer_product(PartnerFactory(name="HTX Trà Shan"), title="Trà Shan tuyết", stock=5)
    order = guest_order(client, [product], method="cod")
    assert mail.outbox == []  # nothing was sent by the web process
    messages = worker.wait_until(lambda: worker.sent_messages(running_worker["mail_dir"]), timeout=60)
    assert len(messages) == 1, (running_worker["tmp"] / "worker.log").read_text()[-3000:]
    assert messages[0]["To"] == "khach@example.vn"
    assert order.number in messages[0].get_payload(decode=False) or order.number in subject(messages[0])
    row = OutboundEmail.objects.get(key__startswith=f"order:{order.number}:")
    assert row.status == "sent" and row.attempts == 1


def test_beat_cancels_an_unpaid_vietqr_order_and_releases_stock(client, vietnam, running_worker):
    from marketplace.payments.models import OrderPayment
    from tests.factories import PartnerFactory
    from tests.factories.checkout import guest_order, producer_product

    product = producer_product(PartnerFactory(name="HTX Gạo Bao Thai"), title="Gạo Bao Thai", stock=4)
    order = guest_order(client, [product], method="transfer")
    record = product.stockrecords.get()
    assert record.num_allocated == 1
    OrderPayment.objects.filter(pk=order.payment.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))

    tmp = running_worker["tmp"]
    env = dict(running_worker["env"], CANCEL_UNPAID_EVERY_SECONDS="1")  # the schedule, shortened
    beat = worker.start("beat", env, tmp / "beat.log", "--schedule", str(tmp / "beat-schedule"))
    try:
        cancelled = worker.wait_until(
            lambda: OrderPayment.objects.get(pk=order.payment.pk).status == "cancelled", timeout=60
        )
    finally:
        worker.stop(beat)
    assert cancelled, (tmp / "beat.log").read_text()[-2000:] + (tmp / "worker.log").read_text()[-2000:]
    record.refresh_from_db()
    order.refresh_from_db()
    assert record.num_allocated == 0 and order.status == "cancelled"
