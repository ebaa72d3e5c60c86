"""Issue 17 §4 (ASVS V11.1.4, V13.4.1): the live channel limits what one connection, one address and
the anonymous viewers of one session may take (livestream/ratelimit.py), and the host's `end`
frame accepts only a replay URL the form would accept.

Checked: a burst of `state` frames (each runs several queries) is cut with rate_limited errors;
the third connection from one address (cap 2) is refused with close code 4429 while another address
still joins; the second anonymous viewer of a session (cap 1) is refused while a signed-in viewer
joins; `end` with a javascript: replay URL is refused and the session keeps running."""
import pytest
from asgiref.sync import async_to_sync

from livestream.models import LiveSession
from tests.factories import UserFactory
from tests.factories.livestream import host_user, live_session
from tests.livestream.conftest import communicator, session_cookie

pytestmark = pytest.mark.django_db(transaction=True)


def from_address(session_id, address, cookie=None):
    socket = communicator(session_id, cookie)
    socket.scope["client"] = [address, 50000]
    return socket


async def frames_until_quiet(socket):
    frames = []
    while not await socket.receive_nothing(timeout=0.5):
        frames.append(await socket.receive_json_from())
    return frames


def test_a_burst_of_state_frames_is_cut():
    session = live_session()

    async def scenario():
        socket = from_address(session.pk, "198.51.100.10")
        assert (await socket.connect())[0]
        await socket.receive_json_from()
        for _ in range(12):
            await socket.send_json_to({"type": "state"})
        frames = await frames_until_quiet(socket)
        await socket.disconnect()
        return frames

    frames = async_to_sync(scenario)()
    states = [f for f in frames if f["type"] == "state"]
    limited = [f for f in frames if f["type"] == "error" and f["code"] == "rate_limited"]
    assert limited and len(states) < 12


def test_the_host_answers_a_busy_chat_where_a_viewer_is_cut():
    """The same burst of 25 chat messages: a viewer's is cut (10 per 10 s), the host's goes out."""
    session = live_session()
    host = session_cookie(host_user(session))
    viewer = session_cookie(UserFactory(username="nguoi-xem-nhanh"))

    async def burst(cookie, address):
        socket = from_address(session.pk, address, cookie)
        assert (await socket.connect())[0]
        await socket.receive_json_from()
        for n in range(25):
            await socket.send_json_to({"type": "chat", "body": f"tin {n}"})
        frames = await frames_until_quiet(socket)
        await socket.disconnect()
        return frames

    host_frames = async_to_sync(burst)(host, "198.51.100.40")
    viewer_frames = async_to_sync(burst)(viewer, "198.51.100.41")
    assert not [f for f in host_frames if f["type"] == "error" and f["code"] == "rate_limited"]
    # Every one of the host's 25 messages reached the session (echoed back to the host's socket).
    assert sorted(f["body"] for f in host_frames if f["type"] == "chat") == sorted(f"tin {n}" for n in range(25))
    assert [f for f in viewer_frames if f["type"] == "error" and f["code"] == "rate_limited"]
    assert len([f for f in viewer_frames if f["type"] == "chat"]) < 25


def test_connections_per_address_are_capped(settings):
    settings.LIVE_WS_MAX_PER_ADDRESS = 2
    session = live_session()

    async def scenario():
        sockets = [from_address(session.pk, "198.51.100.20") for _ in range(3)]
        results = [await socket.connect() for socket in sockets]
        other = from_address(session.pk, "198.51.100.21")
        other_result = await other.connect()
        for socket, (ok, _code) in zip([*sockets, other], [*results, other_result]):
            if ok:
                await socket.disconnect()
        return results, other_result

    results, other_result = async_to_sync(scenario)()
    assert [ok for ok, _ in results] == [True, True, False]
    assert results[2][1] == 4429
    assert other_result[0] is True


def test_anonymous_viewers_of_a_session_are_capped(settings):
    settings.LIVE_WS_MAX_ANONYMOUS_PER_SESSION = 1
    session = live_session()
    signed_in = session_cookie(UserFactory(username="nguoi-xem"))

    async def scenario():
        first = from_address(session.pk, "198.51.100.30")
        second = from_address(session.pk, "198.51.100.31")
        member = from_address(session.pk, "198.51.100.32", signed_in)
        results = [await first.connect(), await second.connect(), await member.connect()]
        for socket, (ok, _code) in zip((first, second, member), results):
            if ok:
                await socket.disconnect()
        return [ok for ok, _ in results]

    assert async_to_sync(scenario)() == [True, False, True]


def test_end_frame_refuses_a_replay_url_the_form_would_refuse():
    session = live_session()
    host = session_cookie(host_user(session, username="chu-phien"))

    async def scenario():
        socket = from_address(session.pk, "198.51.100.40", host)
        assert (await socket.connect())[0]
        await socket.receive_json_from()
        await socket.send_json_to({"type": "end", "replay_url": "javascript:alert(document.cookie)"})
        frames = await frames_until_quiet(socket)
        await socket.disconnect()
        return frames

    frames = async_to_sync(scenario)()
    assert any(f["type"] == "error" and f.get("ref") == "end" for f in frames)
    session.refresh_from_db()
    assert session.replay_url == "" and session.status == LiveSession.Status.LIVE
