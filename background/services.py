"""Recording and doing background work. Rules of the queue, in one place:

- The request (or a task) calls `mail_enqueue` / `mails_enqueue` / `job_enqueue` inside its
  transaction: a row keyed by the event is written with the data, and a Celery message is sent
  on commit (`transaction.on_commit`). A rolled-back request sends nothing.
- A row is done once: an e-mail is claimed by a conditional UPDATE (a lease) before it goes
  out and marked sent right after, so a task delivered twice (acks_late, a restarted worker, a
  re-queue) skips it; a job is marked done and not run again.
- Transient failures (SMTP or Elasticsearch down) are retried with backoff by the tasks
  (tasks.py); after `BACKGROUND_MAX_RETRIES` the row is marked failed with its error and shows
  in the admin ("Việc nền"), where staff can re-queue it.
- A message the broker lost (Redis restarted without persistence) is sent again by
  `stale_requeue`, which beat runs every minute: rows still pending long after they were queued.
"""
import datetime
import importlib
import logging
import smtplib
import time
import traceback

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from background.models import Job, OutboundEmail

logger = logging.getLogger(__name__)

#: Packages whose plain functions a Job may call (the broker is trusted, but a name read back
#: from a row must not import arbitrary modules).
SERVICE_PACKAGES = ("background", "marketplace", "shops", "livestream", "ocop", "sales_points", "search", "catalogue",
                    "cms", "gift_baskets")
HEARTBEAT_KEY = "background:heartbeat"


def _setting(name, default):
    return getattr(settings, name, default)


def mail_batch_size():
    return _setting("BACKGROUND_MAIL_BATCH", 100)


def _send_later(task_name, *args):
    from background import tasks

    task = getattr(tasks, task_name)
    transaction.on_commit(lambda: task.apply_async(args=args))


# --- e-mails --------------------------------------------------------------------------------


def mail_enqueue(*, key, to, subject, body, html_body="", from_email=None):
    """Record one e-mail for the event `key` (a second call with the same key does nothing) and
    send it after the commit. Returns True when it was new."""
    return mails_enqueue(
        [{"key": key, "to": to, "subject": subject, "body": body, "html_body": html_body, "from_email": from_email}]
    ) == 1


def mails_enqueue(messages):
    """Record many e-mails at once (a fan-out batch) and send them in batches after the commit.
    Each message is a dict: key, to (an address or a list), subject, body, [html_body, from_email].
    Keys already recorded are skipped. Returns how many were new."""
    rows = []
    for message in messages:
        to = message["to"]
        to = [to] if isinstance(to, str) else [address for address in to if address]
        if not to:
            continue
        rows.append(
            OutboundEmail(
                key=message["key"][:255], to=to, subject=" ".join(str(message["subject"]).split())[:255],
                body=str(message["body"]), html_body=str(message.get("html_body") or ""),
                from_email=message.get("from_email") or settings.DEFAULT_FROM_EMAIL,
            )
        )
    if not rows:
        return 0
    keys = [row.key for row in rows]
    with transaction.atomic():
        before = set(OutboundEmail.objects.filter(key__in=keys).values_list("key", flat=True))
        OutboundEmail.objects.bulk_create([row for row in rows if row.key not in before], ignore_conflicts=True)
        ids = list(
            OutboundEmail.objects.filter(key__in=set(keys) - before, status=OutboundEmail.Status.PENDING)
            .order_by("pk").values_list("pk", flat=True)
        )
    size = mail_batch_size()
    for start in range(0, len(ids), size):
        _send_later("mails_send", ids[start:start + size])
    return len(ids)


def _lease():
    return datetime.timedelta(seconds=_setting("BACKGROUND_MAIL_LEASE_SECONDS", 300))


def _claim(ids):
    """Claim the pending e-mails among `ids` that no live worker holds (locked rows skipped, one
    UPDATE): they are ours for the lease. Returns (claimed rows in pk order, ids held by another worker)."""
    now = timezone.now()
    until = now + _lease()
    with transaction.atomic():
        claimable = (
            OutboundEmail.objects.filter(pk__in=ids, status=OutboundEmail.Status.PENDING)
            .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        )
        pks = list(claimable.select_for_update(skip_locked=True).order_by("pk").values_list("pk", flat=True))
        OutboundEmail.objects.filter(pk__in=pks).update(claimed_until=until, attempts=F("attempts") + 1)
        rows = list(OutboundEmail.objects.filter(pk__in=pks).order_by("pk"))
    busy = list(
        OutboundEmail.objects.filter(pk__in=set(ids) - set(pks), status=OutboundEmail.Status.PENDING)
        .values_list("pk", flat=True)
    )
    return rows, busy


def message_id(mail):
    """The same Message-ID every time this row is sent. The one case a row can go out twice is a
    worker killed after the server took the message but before the row was marked sent; the
    copy then carries the same Message-ID, which mail servers and clients show once."""
    domain = (mail.from_email or settings.DEFAULT_FROM_EMAIL).rpartition("@")[2].strip("> ") or "localhost"
    return f"<outbox.{mail.pk}.{mail.created_at:%Y%m%d%H%M%S}@{domain}>"


def mails_send(ids, *, final=False):
    """Send the pending e-mails among `ids` over one connection, each marked sent right after it
    left. Returns the ids to try again later (held by another worker, or not sent because the
    server failed: the rest of the batch is released at the first failure, so a hung server
    costs one timeout per task); with `final`, those are marked failed with the error. A
    recipient the server refuses is marked failed at once (retrying would not help)."""
    rows, retry = _claim(ids)
    connection = None
    try:
        for index, mail in enumerate(rows):
            try:
                if connection is None:
                    connection = get_connection()
                    connection.open()
                message = EmailMultiAlternatives(
                    mail.subject, mail.body, mail.from_email or None, mail.to, connection=connection,
                    headers={"Message-ID": message_id(mail)},
                )
                if mail.html_body:
                    message.attach_alternative(mail.html_body, "text/html")
                message.send()
            except smtplib.SMTPRecipientsRefused as exc:
                OutboundEmail.objects.filter(pk=mail.pk).update(
                    status=OutboundEmail.Status.FAILED, claimed_until=None, last_error=f"{type(exc).__name__}: {exc}"[:2000]
                )
                continue
            except Exception as exc:  # SMTP refused or down: retried with backoff by the task
                logger.warning("background: e-mail %s (%s) failed: %s", mail.pk, mail.key, exc)
                unsent = [row.pk for row in rows[index:]]
                OutboundEmail.objects.filter(pk__in=unsent).update(
                    claimed_until=None, last_error=f"{type(exc).__name__}: {exc}"[:2000],
                    **({"status": OutboundEmail.Status.FAILED} if final else {}),
                )
                return retry + ([] if final else unsent)
            OutboundEmail.objects.filter(pk=mail.pk).update(
                status=OutboundEmail.Status.SENT, sent_at=timezone.now(), claimed_until=None, last_error=""
            )
    finally:
        if connection is not None:
            try:
                connection.close()
            except Exception:
                pass
    return retry


# --- jobs: a plain service function called once per event -----------------------------------


def resolve(service):
    module_name, _, name = service.rpartition(".")
    if not module_name or module_name.split(".")[0] not in SERVICE_PACKAGES:
        raise ValueError(f"not a service of this project: {service}")
    return getattr(importlib.import_module(module_name), name)


def job_enqueue(service, *, key, **kwargs):
    """Call `service(**kwargs)` in a worker after the commit, once for `key` (JSON kwargs)."""
    resolve(service)  # fail now, in the caller, on a typo
    with transaction.atomic():
        job, created = Job.objects.get_or_create(key=key[:200], defaults={"service": service, "kwargs": kwargs})
    if created:
        _send_later("job_run", job.pk)
    return job


def job_run(job_id):
    """Run the job unless it is done. Raises what the service raised (the task retries)."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None or job.status == Job.Status.DONE:
        return False
    Job.objects.filter(pk=job.pk).update(attempts=F("attempts") + 1)
    resolve(job.service)(**job.kwargs)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.DONE, finished_at=timezone.now(), last_error="")
    return True


def job_error(job_id, exc, *, final):
    text = "".join(traceback.format_exception(exc))[-4000:]
    Job.objects.filter(pk=job_id).update(
        last_error=text, **({"status": Job.Status.FAILED, "finished_at": timezone.now()} if final else {})
    )


def periodic_run(service):
    """Beat's entry point: run a periodic service now, keeping its last run and error on its row."""
    job, _created = Job.objects.update_or_create(
        key=f"periodic:{service}"[:200],
        defaults={"service": service, "kwargs": {}, "status": Job.Status.QUEUED, "enqueued_at": timezone.now()},
    )
    try:
        job_run(job.pk)
    except Exception as exc:  # the next tick runs it again; the row shows the error meanwhile
        logger.exception("background: periodic %s failed", service)
        job_error(job.pk, exc, final=True)
        return False
    return True


# --- recovery and health --------------------------------------------------------------------


def stale_requeue(*, now=None):
    """Re-send the messages of rows still pending long after they were queued (the broker lost
    them, or a worker died holding them). Safe: a row runs once whatever the number of messages."""
    now = now or timezone.now()
    before = now - datetime.timedelta(seconds=_setting("BACKGROUND_REQUEUE_AFTER_SECONDS", 600))
    jobs = list(
        Job.objects.filter(status=Job.Status.QUEUED, enqueued_at__lt=before)
        .exclude(key__startswith="periodic:").values_list("pk", flat=True)[:1000]
    )
    mails = list(
        OutboundEmail.objects.filter(status=OutboundEmail.Status.PENDING, enqueued_at__lt=before)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .order_by("pk").values_list("pk", flat=True)[:10000]
    )
    Job.objects.filter(pk__in=jobs).update(enqueued_at=now)
    OutboundEmail.objects.filter(pk__in=mails).update(enqueued_at=now)
    for pk in jobs:
        _send_later("job_run", pk)
    size = mail_batch_size()
    for start in range(0, len(mails), size):
        _send_later("mails_send", mails[start:start + size])
    return {"jobs": len(jobs), "mails": len(mails)}


def failed_requeue(*, job_ids=(), mail_ids=()):
    """Staff's "try again" on failed rows (the admin action)."""
    now = timezone.now()
    jobs = list(Job.objects.filter(pk__in=job_ids, status=Job.Status.FAILED).values_list("pk", flat=True))
    mails = list(
        OutboundEmail.objects.filter(pk__in=mail_ids, status=OutboundEmail.Status.FAILED).values_list("pk", flat=True)
    )
    Job.objects.filter(pk__in=jobs).update(status=Job.Status.QUEUED, enqueued_at=now, finished_at=None)
    OutboundEmail.objects.filter(pk__in=mails).update(status=OutboundEmail.Status.PENDING, enqueued_at=now)
    for pk in jobs:
        _send_later("job_run", pk)
    size = mail_batch_size()
    for start in range(0, len(mails), size):
        _send_later("mails_send", mails[start:start + size])
    return len(jobs) + len(mails)


def done_prune(*, now=None, days=30):
    """Forget sent e-mails and finished one-off jobs after `days` (the keys of older events are
    not needed to stop a duplicate any more)."""
    before = (now or timezone.now()) - datetime.timedelta(days=days)
    mails, _ = OutboundEmail.objects.filter(status=OutboundEmail.Status.SENT, sent_at__lt=before).delete()
    jobs, _ = (
        Job.objects.filter(status=Job.Status.DONE, finished_at__lt=before).exclude(key__startswith="periodic:").delete()
    )
    return {"mails": mails, "jobs": jobs}


def heartbeat_record():
    """Run by a worker on beat's schedule: /healthz reads how long ago a worker answered."""
    cache.set(HEARTBEAT_KEY, time.time(), timeout=None)


def heartbeat_age():
    """Seconds since a worker last ran the heartbeat task; None if never."""
    value = cache.get(HEARTBEAT_KEY)
    return None if value is None else max(0.0, time.time() - float(value))
