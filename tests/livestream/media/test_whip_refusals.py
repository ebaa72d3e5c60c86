"""WHIP refusals: only the host (login) or the session's bearer token may publish; one
publisher at a time; bad SDP is refused with its reason. No media process needed."""
import datetime

import pytest
from django.test import Client
from django.utils import timezone

from livestream.media import services as media
from livestream.models import LiveSession, LiveStream
from tests.factories import UserFactory
from tests.factories.livestream import LiveSessionFactory, host_user

pytestmark = pytest.mark.django_db

OFFER = """v=0
o=- 1 2 IN IP4 127.0.0.1
s=-
t=0 0
a=group:BUNDLE 0
m=video 9 UDP/TLS/RTP/SAVPF 96
c=IN IP4 0.0.0.0
a=mid:0
a=sendonly
a=ice-ufrag:abcd
a=ice-pwd:abcdefghijklmnopqrstuvwx
a=fingerprint:sha-256 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF
a=setup:actpass
a=rtcp-mux
a=rtpmap:96 H264/90000
a=fmtp:96 packetization-mode=1;profile-level-id=42e01f
"""


@pytest.fixture
def session():
    return LiveSessionFactory(stream_url="")


def post(session, body=OFFER, token=None, user=None, content_type="application/sdp"):
    client = Client()
    if user:
        client.force_login(user)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.post(f"/live/{session.pk}/whip/", data=body, content_type=content_type, **headers)


def test_no_token_and_no_login_is_401(session):
    response = post(session)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert LiveStream.objects.get(session=session).resource == ""


def test_wrong_or_expired_or_rotated_token_is_401(session, settings):
    stream = media.stream_for(session)
    token = media.token_for(stream)
    assert post(session, token="not-the-token").status_code == 401
    media.token_rotate(session=session, user=host_user(session))
    assert post(session, token=token).status_code == 401  # the old token stopped working
    stream.refresh_from_db()
    new_token = media.token_for(stream)
    LiveStream.objects.filter(pk=stream.pk).update(token_created_at=timezone.now() - datetime.timedelta(days=settings.LIVE_TOKEN_DAYS + 1))
    assert post(session, token=new_token).status_code == 401


def test_a_logged_in_stranger_is_403(session):
    assert post(session, user=UserFactory()).status_code == 403


def test_second_publisher_is_409(session):
    stream = media.stream_for(session)
    LiveStream.objects.filter(pk=stream.pk).update(
        resource="a" * 32, state=LiveStream.State.LIVE, heartbeat_at=timezone.now()
    )
    response = post(session, token=media.token_for(stream))
    assert response.status_code == 409
    assert LiveStream.objects.get(pk=stream.pk).resource == "a" * 32


def test_stale_publisher_does_not_block_a_new_one(session, settings):
    """A publisher whose media process stopped beating is replaced (then 503: no media process here)."""
    settings.LIVE_WHIP_ANSWER_SECONDS = 0.2
    stream = media.stream_for(session)
    LiveStream.objects.filter(pk=stream.pk).update(
        resource="a" * 32, state=LiveStream.State.LIVE, heartbeat_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    response = post(session, token=media.token_for(stream))
    assert response.status_code == 503
    assert "Máy chủ video" in response.content.decode()


@pytest.mark.parametrize(
    "body, reason",
    [
        ("hello", "v=0"),
        ("v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=rtpmap:111 opus/48000/2\r\n", "video"),
        (OFFER.replace("H264", "AV1"), "H264"),
        (OFFER.replace("a=fingerprint", "a=x-fingerprint"), "fingerprint"),
        (OFFER.replace("a=ice-ufrag:abcd\n", ""), "ICE"),
        ("v=0\n" + "a=" + "x" * 70000, "64 KiB"),
    ],
)
def test_malformed_sdp_is_400_with_its_reason(session, body, reason):
    response = post(session, body=body, user=host_user(session))
    assert response.status_code == 400
    assert reason in response.content.decode()


def test_wrong_content_type_is_415(session):
    assert post(session, content_type="text/plain", user=host_user(session)).status_code == 415


def test_ended_session_is_409(session):
    LiveSession.objects.filter(pk=session.pk).update(status=LiveSession.Status.ENDED)
    assert post(session, user=host_user(session)).status_code == 409


def test_delete_needs_the_publisher_and_the_resource(session):
    stream = media.stream_for(session)
    LiveStream.objects.filter(pk=stream.pk).update(resource="b" * 32, state=LiveStream.State.LIVE)
    client = Client()
    assert client.delete(f"/live/{session.pk}/whip/{'b' * 32}/").status_code == 401
    token = media.token_for(stream)
    assert client.delete(f"/live/{session.pk}/whip/{'c' * 32}/", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 404
    assert client.delete(f"/live/{session.pk}/whip/{'b' * 32}/", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
    assert LiveStream.objects.get(pk=stream.pk).stop_requested


def test_media_names_never_leave_the_session_folder():
    from livestream.media import paths

    assert paths.path(7, "seg-12.ts") == "live/7/seg-12.ts"
    for name in ("../x.ts", "seg-1.ts/../../a", "/etc/passwd", "seg-a.ts", "live.m3u8\n"):
        with pytest.raises(ValueError):
            paths.path(7, name)
