"""Celery tasks: thin wrappers over background.services (the rules live there).

Every task acknowledges its message only after it finished (acks_late) and is handed back to the
broker when its worker process dies (reject_on_worker_lost); a whole worker killed leaves the
message unacknowledged and Redis gives it again after the visibility timeout. Running a task
twice is harmless: the rows it works on are done once (services.py)."""
import random

from celery import Task, shared_task
from celery.signals import worker_ready
from django.conf import settings

from background import services


class BackgroundTask(Task):
    acks_late = True
    reject_on_worker_lost = True

    @property
    def max_retries(self):
        return getattr(settings, "BACKGROUND_MAX_RETRIES", 6)


def backoff(retries):
    """10 s, 20 s, 40 s … up to 10 minutes, with jitter (settings scale it in tests)."""
    base = getattr(settings, "BACKGROUND_RETRY_BASE_SECONDS", 10)
    delay = min(600, base * (2 ** retries))
    return delay * random.uniform(0.8, 1.2)


@shared_task(bind=True, base=BackgroundTask, name="background.mails_send")
def mails_send(self, ids):
    final = self.request.retries >= self.max_retries
    retry = services.mails_send(ids, final=final)
    # Eager (no broker): no retry inside the request; beat's stale_requeue sends it later.
    if retry and not final and not self.request.is_eager:
        raise self.retry(args=[retry], countdown=backoff(self.request.retries))
    return len(ids) - len(retry)


@shared_task(bind=True, base=BackgroundTask, name="background.job_run")
def job_run(self, job_id):
    try:
        return services.job_run(job_id)
    except Exception as exc:
        final = self.request.retries >= self.max_retries
        services.job_error(job_id, exc, final=final)
        if final or self.request.is_eager:  # eager: beat's stale_requeue runs it again later
            return False
        raise self.retry(exc=exc, countdown=backoff(self.request.retries))


@shared_task(base=BackgroundTask, name="background.periodic")
def periodic(service):
    return services.periodic_run(service)


@shared_task(base=BackgroundTask, name="background.heartbeat")
def heartbeat():
    services.heartbeat_record()


@worker_ready.connect
def _heartbeat_on_start(**kwargs):
    """A worker that just started counts as answering (/healthz), before beat's first heartbeat."""
    services.heartbeat_record()
