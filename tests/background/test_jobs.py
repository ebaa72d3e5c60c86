"""Jobs (a plain service function called once per event by a worker) and beat's schedule (eager)."""
import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from background import services, tasks
from background.models import Job
from tests.background import jobs_fixtures

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _allow_test_services(monkeypatch):
    monkeypatch.setattr(services, "SERVICE_PACKAGES", services.SERVICE_PACKAGES + ("tests",))
    jobs_fixtures.calls.clear()


def test_a_job_runs_after_the_commit_once_per_key(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.job_enqueue("tests.background.jobs_fixtures.record", key="event:1", value=1)
        services.job_enqueue("tests.background.jobs_fixtures.record", key="event:1", value=1)
        assert jobs_fixtures.calls == []
    assert jobs_fixtures.calls == [1]
    job = Job.objects.get()
    assert job.status == "done" and job.attempts == 1 and job.finished_at
    tasks.job_run.apply(args=[job.pk])  # delivered again
    assert jobs_fixtures.calls == [1]


def test_only_project_services_may_be_named():
    with pytest.raises(ValueError):
        services.job_enqueue("os.system", key="evil", command="true")


def test_a_failing_job_is_retried_then_shown_failed_with_its_error(django_capture_on_commit_callbacks, admin_client):
    with django_capture_on_commit_callbacks(execute=True):
        services.job_enqueue("tests.background.jobs_fixtures.broken", key="search:1", value="x")
    job = Job.objects.get()
    assert job.status == "queued" and "Elasticsearch unreachable" in job.last_error  # eager: left for a retry
    task = tasks.job_run
    task.push_request(retries=task.max_retries, is_eager=False)
    try:
        assert task.run(job.pk) is False  # the last retry
    finally:
        task.pop_request()
    job.refresh_from_db()
    assert job.status == "failed" and job.attempts == 2 and "ConnectionError" in job.last_error
    page = admin_client.get("/django-admin/background/job/?status__exact=failed").content.decode()
    assert "search:1" in page and "Elasticsearch unreachable (x)" in page


def test_lost_jobs_are_requeued(django_capture_on_commit_callbacks, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr(services, "_send_later", lambda *args: None)  # the broker lost it
        services.job_enqueue("tests.background.jobs_fixtures.record", key="event:2", value=2)
    later = timezone.now() + datetime.timedelta(seconds=settings.BACKGROUND_REQUEUE_AFTER_SECONDS + 1)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.stale_requeue(now=later)["jobs"] == 1
    assert jobs_fixtures.calls == [2]


def test_every_beat_entry_names_a_service_of_the_project():
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        assert entry["task"] in {"background.periodic", "background.heartbeat"}, name
        if entry["task"] == "background.periodic":
            assert callable(services.resolve(entry["args"][0])), name


def test_a_periodic_job_keeps_its_last_run_and_error():
    assert tasks.periodic.apply(args=["tests.background.jobs_fixtures.broken"]).get() is False
    row = Job.objects.get(key="periodic:tests.background.jobs_fixtures.broken")
    assert row.status == "failed" and "unreachable" in row.last_error
    assert tasks.periodic.apply(args=["background.services.stale_requeue"]).get() is True
    assert Job.objects.get(key="periodic:background.services.stale_requeue").status == "done"


def test_beat_cancels_an_unpaid_vietqr_order_and_releases_its_stock(client, vietnam):
    from marketplace.payments.models import OrderPayment
    from tests.factories import PartnerFactory
    from tests.factories.checkout import guest_order, producer_product

    product = producer_product(PartnerFactory(name="HTX Gạo Bao Thai"), title="Gạo Bao Thai", stock=4)
    order = guest_order(client, [product], method="transfer")
    record = product.stockrecords.get()
    assert record.num_allocated == 1
    entry = settings.CELERY_BEAT_SCHEDULE["cancel-unpaid-orders"]
    tasks.periodic.apply(args=entry["args"])
    assert OrderPayment.objects.get(pk=order.payment.pk).status == "pending"  # not yet due

    OrderPayment.objects.filter(pk=order.payment.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    tasks.periodic.apply(args=entry["args"])
    order.refresh_from_db()
    record.refresh_from_db()
    assert order.payment.status == "cancelled" and record.num_allocated == 0


def test_the_heartbeat_task_is_what_healthz_reads():
    from django.core.cache import cache

    cache.delete(services.HEARTBEAT_KEY)
    assert services.heartbeat_age() is None
    tasks.heartbeat.apply()
    assert services.heartbeat_age() < 5
