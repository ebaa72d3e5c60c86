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
