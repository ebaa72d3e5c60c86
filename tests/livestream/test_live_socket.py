"""The live channel answers through the real ASGI application."""
import pytest

from tests.factories.livestream import live_session
from tests.livestream.conftest import communicator, joined

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


@pytest.fixture
def session():
    return live_session()


async def test_ping_gets_a_pong(session):
    socket, state = await joined(session.pk)
    assert state["status"] == "live" and state["chat"] == [] and state["logged_in"] is False
    await socket.send_json_to({"type": "ping"})
    frame = await socket.receive_json_from()
    while frame["type"] == "viewers":
        frame = await socket.receive_json_from()
    assert frame == {"type": "pong", "session": session.pk}
    await socket.disconnect()


async def test_bad_frames_get_error_frames_not_a_crash(session):
    socket, _state = await joined(session.pk)

    async def answer():
        frame = await socket.receive_json_from()
        while frame["type"] == "viewers":
            frame = await socket.receive_json_from()
        return frame

    await socket.send_to(text_data="not json")
    assert (await answer())["code"] == "invalid_json"
    await socket.send_json_to({"no": "type"})
    assert (await answer())["code"] == "missing_type"
    await socket.send_json_to(["a", "list"])
    assert (await answer())["code"] == "missing_type"
    await socket.send_json_to({"type": "teleport"})
    frame = await answer()
    assert frame["type"] == "error" and frame["code"] == "unknown_type"
    await socket.send_json_to({"type": "pin"})
    frame = await answer()
    assert frame["code"] == "missing_field" and frame["ref"] == "pin"
    await socket.send_to(bytes_data=b"\x00\x01")
    assert (await answer())["code"] == "invalid_frame"
    await socket.send_json_to({"type": "ping"})
    assert (await answer())["type"] == "pong"
    await socket.disconnect()


async def test_oversize_frame_is_refused_and_closed(session):
    socket, _state = await joined(session.pk)
    await socket.send_to(text_data='{"type":"chat","body":"' + "x" * (64 * 1024) + '"}')
    frame = await socket.receive_json_from()
    while frame["type"] == "viewers":
        frame = await socket.receive_json_from()
    assert frame["code"] == "too_large"
    closed = await socket.receive_output()
    assert closed == {"type": "websocket.close", "code": 1009}


async def test_foreign_origin_is_refused(session):
    socket = communicator(session.pk, origin=b"https://evil.example.com")
    connected, _ = await socket.connect()
    assert not connected


async def test_unknown_session_is_refused():
    socket = communicator(987654)
    connected, code = await socket.connect()
    assert not connected and code == 4404
