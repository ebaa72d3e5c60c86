import pytest
from channels.testing import WebsocketCommunicator
from django.core.cache import cache
from django.test import Client

from marketplace.asgi import application

ORIGIN = b"http://127.0.0.1:8000"


def session_cookie(user):
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def communicator(session_id, cookie=None, origin=ORIGIN):
    headers = [(b"origin", origin), (b"host", b"127.0.0.1:8000")]
    if cookie:
        headers.append((b"cookie", f"sessionid={cookie}".encode()))
    return WebsocketCommunicator(application, f"/ws/live/{session_id}/", headers=headers)


async def joined(session_id, cookie=None):
    """Connect and consume the join snapshot; returns (socket, state)."""
    socket = communicator(session_id, cookie)
    connected, _code = await socket.connect()
    assert connected
    state = await socket.receive_json_from()
    assert state["type"] == "state"
    return socket, state


async def next_of(socket, kind, timeout=2):
    """The next frame of a type, skipping others (viewer counts arrive at their own pace)."""
    for _ in range(20):
        frame = await socket.receive_json_from(timeout=timeout)
        if frame["type"] == kind:
            return frame
    raise AssertionError(f"no {kind} frame")


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _clear_shared_state():
    """The consumers' per-process join snapshots outlive a test's database: start clean."""
    from livestream import consumers

    consumers._STATE.clear()
    yield
    consumers._STATE.clear()
