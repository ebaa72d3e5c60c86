"""The live channel answers through the real ASGI application."""
import pytest
from channels.testing import WebsocketCommunicator

from marketplace.asgi import application

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


def communicator(path="/ws/live/7/", origin=b"http://127.0.0.1:8000"):
    return WebsocketCommunicator(application, path, headers=[(b"origin", origin), (b"host", b"127.0.0.1:8000")])


async def test_ping_gets_a_pong():
    socket = communicator()
    connected, _ = await socket.connect()
    assert connected
    await socket.send_json_to({"type": "ping"})
    assert await socket.receive_json_from() == {"type": "pong", "session": 7}
    await socket.disconnect()


async def test_bad_frames_get_error_frames_not_a_crash():
    socket = communicator()
    await socket.connect()
    await socket.send_to(text_data="not json")
    assert (await socket.receive_json_from())["code"] == "invalid_json"
    await socket.send_json_to({"no": "type"})
    assert (await socket.receive_json_from())["code"] == "missing_type"
    await socket.send_json_to({"type": "teleport"})
    frame = await socket.receive_json_from()
    assert frame["type"] == "error" and frame["code"] == "unknown_type"
    await socket.send_json_to({"type": "ping"})
    assert (await socket.receive_json_from())["type"] == "pong"
    await socket.disconnect()


async def test_foreign_origin_is_refused():
    socket = communicator(origin=b"https://evil.example.com")
    connected, _ = await socket.connect()
    assert not connected
