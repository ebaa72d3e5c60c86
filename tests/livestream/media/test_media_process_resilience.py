"""The media process: a publisher that vanishes leaves viewers "reconnecting" and the session
ends after the grace period; one stream's failure leaves the others (and the process) running."""
import pytest
from django.test import Client

from livestream.media.worker import Pipeline
from livestream.models import LiveSession, LiveStream
from tests.factories.livestream import LiveSessionFactory, host_user
from tests.livestream.media.test_whip_publish import publish, segments, wait_for

pytestmark = pytest.mark.django_db(transaction=True)


def logged_in_host(session):
    client = Client()
    client.force_login(host_user(session))
    return client


def test_vanished_publisher_reconnects_within_grace_else_session_ends(media_server, client_loop, settings):
    settings.LIVE_MEDIA_SILENCE_SECONDS = 1.5
    settings.LIVE_RECONNECT_GRACE_SECONDS = 4
    session = LiveSessionFactory(stream_url="")
    client = logged_in_host(session)
    pc, _location = client_loop.run(publish(client, session, "video/H264"))
    wait_for(lambda: len(segments(session)) >= 2, 90)
    client_loop.run(pc.close())  # the phone's network drops: no DELETE
    wait_for(lambda: LiveStream.objects.get(session=session).state == LiveStream.State.RECONNECTING, 15)
    assert LiveSession.objects.get(pk=session.pk).status == LiveSession.Status.LIVE  # not ended yet

    # The phone comes back within the grace period: same session, same recording, a discontinuity.
    before = len(segments(session))
    pc, _location = client_loop.run(publish(client, session, "video/H264"))
    wait_for(lambda: len(segments(session)) >= before + 2, 90)
    assert LiveStream.objects.get(session=session).state == LiveStream.State.LIVE
    assert any(segment.get("discontinuity") for segment in segments(session)[before:])
    client_loop.run(pc.close())
    # Gone for longer than the grace period: the session ends and the recording is kept.
    wait_for(lambda: LiveSession.objects.get(pk=session.pk).status == LiveSession.Status.ENDED, 30)
    stream = LiveStream.objects.get(session=session)
    assert stream.state == LiveStream.State.ENDED and stream.recording_ready


def test_one_failing_stream_leaves_the_others_running(media_server, client_loop, monkeypatch):
    broken, healthy = LiveSessionFactory(stream_url=""), LiveSessionFactory(stream_url="")
    original = Pipeline.video_encoded

    def video_encoded(self, data, pts):
        if self.session_id == broken.pk:
            raise RuntimeError("a corrupt stream")
        return original(self, data, pts)

    monkeypatch.setattr(Pipeline, "video_encoded", video_encoded)
    first, _ = client_loop.run(publish(logged_in_host(broken), broken, "video/H264"))
    second, _ = client_loop.run(publish(logged_in_host(healthy), healthy, "video/H264"))
    wait_for(lambda: len(segments(healthy)) >= 3, 90)
    assert segments(broken) == []
    assert LiveStream.objects.get(session=broken).state != LiveStream.State.LIVE
    assert media_server.thread_alive()
    client_loop.run(first.close())
    client_loop.run(second.close())
