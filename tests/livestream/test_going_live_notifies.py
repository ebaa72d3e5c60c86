import pytest
from django.core import mail

from livestream import services
from livestream.models import LiveReminder, LiveSession
from tests.factories import UserFactory
from tests.factories.livestream import host_user, live_session

pytestmark = pytest.mark.django_db


def test_going_live_emails_reminders_and_followers(django_capture_on_commit_callbacks):
    from shops.models import Follow

    session = live_session(status=LiveSession.Status.SCHEDULED, title="Mật ong Ba Bể lên sóng")
    host = host_user(session)
    LiveReminder.objects.create(session=session, user=UserFactory(email="nhac@example.vn"))
    Follow.objects.create(user=UserFactory(email="theodoi@example.vn"), partner=session.partner)
    with django_capture_on_commit_callbacks(execute=True):
        services.session_go_live(session_id=session.pk, user=host)
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["nhac@example.vn", "theodoi@example.vn"]
    assert all("Mật ong Ba Bể lên sóng" in message.subject for message in mail.outbox)
    assert all(f"/live/{session.pk}/" in message.body for message in mail.outbox)
    # Each reminder is sent once.
    assert services.reminders_send(session_id=session.pk) == 0
    assert LiveReminder.objects.get().sent_at is not None


def test_going_live_answers_at_once_and_a_worker_mails_each_person_once(django_capture_on_commit_callbacks):
    """The request records one job; the worker fans out in batches; someone who follows the
    producer and asked for a reminder gets one e-mail; running the job again sends nothing."""
    from background import tasks
    from background.models import Job, OutboundEmail
    from shops.models import Follow

    session = live_session(status=LiveSession.Status.SCHEDULED, title="Miến dong lên sóng")
    host = host_user(session)
    both = UserFactory(email="ca-hai@example.vn")
    LiveReminder.objects.create(session=session, user=both)
    Follow.objects.create(user=both, partner=session.partner)
    for n in range(25):
        Follow.objects.create(user=UserFactory(email=f"f{n}@example.vn"), partner=session.partner)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.session_go_live(session_id=session.pk, user=host)
    assert mail.outbox == [] and not OutboundEmail.objects.exists()  # the request only recorded the job
    job = Job.objects.get(key=f"live:{session.pk}:started")
    assert job.service == "livestream.services.going_live_mail"
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert len(recipients) == 26 and recipients.count("ca-hai@example.vn") == 1
    Job.objects.filter(pk=job.pk).update(status="queued")  # as if the job were delivered again
    with django_capture_on_commit_callbacks(execute=True):
        tasks.job_run.apply(args=[job.pk])
    assert len(mail.outbox) == 26
