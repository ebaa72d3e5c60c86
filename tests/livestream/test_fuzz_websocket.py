"""Generated frames on the live channel `/ws/live/<id>/`: every bad frame gets an error frame,
the connection stays usable (a `ping` still gets its `pong`) or closes cleanly (over 64 KiB), the
consumer never raises; hostile chat is stored as typed and only ever shown escaped (broadcast
frame, the viewer page and the replay page)."""
import json

import pytest
from asgiref.sync import async_to_sync
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from livestream.models import ChatMessage, LiveSession
from tests.factories import UserFactory
from tests.factories.livestream import featured, host_user, live_session
from tests.livestream.conftest import communicator, session_cookie
from tests.security.html_safety import ATTACKS, hostile_text, unsafe_markup

pytestmark = pytest.mark.django_db(transaction=True)

FUZZ = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FRAME_TYPES = ["chat", "react", "pin", "unpin", "offer_start", "offer_end", "hide", "mute", "go_live", "end", "state"]
FIELDS = ["body", "kind", "featured_id", "minutes", "live_price", "cap", "message_id", "user_id", "replay_url"]
REPLY_TYPES = {
    "error", "chat", "chat_hidden", "reaction", "pinned", "unpinned", "offer", "offer_started", "offer_ended",
    "status", "state", "muted", "viewers", "pong", "sold", "session",
}

json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True), hostile_text,
)
json_values = st.recursive(json_scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=12)
object_frames = st.builds(
    lambda kind, fields: json.dumps({"type": kind, **fields}),
    st.one_of(st.sampled_from(FRAME_TYPES), json_values),
    st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=4),
)
raw_frames = st.one_of(
    st.text(max_size=40),  # mostly not JSON
    json_values.map(json.dumps),  # JSON, mostly not an object with a type
    st.integers(min_value=50, max_value=5000).map(lambda depth: "[" * depth + "]" * depth),  # deep nesting
    st.integers(min_value=1, max_value=3000).map(lambda depth: '{"type":' * depth),
    st.sampled_from(["", "null", "NaN", "{}", '{"type": null}', '{"type": "chat", "body": {"$gt": ""}}', "\x00"]),
)
binary_frames = st.binary(max_size=64).map(lambda data: ("bytes", data))
frames = st.one_of(object_frames, object_frames, raw_frames, binary_frames)
actors = st.sampled_from(["anonymous", "viewer", "host", "host"])


@pytest.fixture
def live():
    session = live_session(banned_words="lừa đảo")
    item = featured(session, offer_minutes=None)
    viewer = UserFactory(username="an", first_name="An")
    host = host_user(session, username="chu-htx")
    return {
        "session": session, "item": item, "viewer": viewer,
        "cookies": {"anonymous": None, "viewer": session_cookie(viewer), "host": session_cookie(host)},
    }


async def _frames_until_pong(socket):
    """Every frame the server sends before answering our ping; fails if the consumer crashed."""
    await socket.send_json_to({"type": "ping"})
    seen = []
    for _ in range(60):
        frame = await socket.receive_json_from(timeout=3)
        if frame["type"] == "pong":
            break
        seen.append(frame)
    else:
        raise AssertionError(f"no pong after {seen!r}")
    # Broadcasts come back through the channel layer (a Redis pub/sub round trip with
    # REDIS_URL set) and may follow the pong, which the consumer answers directly.
    while not await socket.receive_nothing(timeout=BROADCAST_SETTLE_S):
        seen.append(await socket.receive_json_from())
    return seen


BROADCAST_SETTLE_S = 0.3 if django_settings.REDIS_URL else 0.02


async def _exchange(session_id, cookie, sent):
    socket = communicator(session_id, cookie)
    connected, _ = await socket.connect()
    assert connected
    assert (await socket.receive_json_from())["type"] == "state"
    replies = []
    for frame in sent:
        if isinstance(frame, tuple):
            await socket.send_input({"type": "websocket.receive", "bytes": frame[1]})
        else:
            await socket.send_input({"type": "websocket.receive", "text": frame})
        got = await _frames_until_pong(socket)
        replies.append(got)
    await socket.disconnect()
    return replies


def _reset(live):
    cache.clear()
    LiveSession.objects.filter(pk=live["session"].pk).update(status=LiveSession.Status.LIVE, ended_at=None)


@FUZZ
@given(actor=actors, sent=st.lists(frames, min_size=1, max_size=5))
def test_generated_frames_get_an_error_or_an_answer_never_a_crash(live, actor, sent):
    _reset(live)
    replies = async_to_sync(_exchange)(live["session"].pk, live["cookies"][actor], sent)
    for frame, got in zip(sent, replies):
        for reply in got:
            assert isinstance(reply, dict) and reply.get("type") in REPLY_TYPES, (frame, reply)
            if reply["type"] == "error":
                assert isinstance(reply.get("code"), str) and reply.get("message"), reply
        is_object = False
        if not isinstance(frame, tuple):
            try:
                parsed = json.loads(frame)
            except (ValueError, RecursionError):
                parsed = None
            is_object = isinstance(parsed, dict) and isinstance(parsed.get("type"), str)
        if not is_object:  # binary, not JSON or no type: exactly the error
            assert [reply["type"] for reply in got if reply["type"] != "viewers"] == ["error"], (frame, got)


def test_frame_over_64_kib_is_refused_and_the_socket_closes_cleanly(live):
    async def scenario():
        socket = communicator(live["session"].pk, live["cookies"]["viewer"])
        await socket.connect()
        await socket.receive_json_from()
        await socket.send_to(text_data=json.dumps({"type": "chat", "body": "x" * (70 * 1024)}))
        outputs = []
        while not outputs or outputs[-1]["type"] != "websocket.close":
            outputs.append(await socket.receive_output(timeout=2))
        await socket.wait()
        frames = [json.loads(out["text"]) for out in outputs if out["type"] == "websocket.send"]
        error = next(frame for frame in frames if frame["type"] == "error")
        return error, outputs[-1]

    error, closed = async_to_sync(scenario)()
    assert error["code"] == "too_large"
    assert closed == {"type": "websocket.close", "code": 1009}


def _scan(html):
    return unsafe_markup(html, allowed_frames=("https://",))


@FUZZ
@given(body=st.one_of(st.sampled_from(ATTACKS), hostile_text).filter(lambda b: 0 < len(b.strip()) <= 500 and "\x00" not in b))
def test_hostile_chat_is_stored_as_typed_and_shown_escaped(live, body):
    _reset(live)
    ChatMessage.objects.all().delete()

    async def scenario():
        socket = communicator(live["session"].pk, live["cookies"]["viewer"])
        await socket.connect()
        await socket.receive_json_from()
        await socket.send_json_to({"type": "chat", "body": body})
        got = await _frames_until_pong(socket)
        await socket.disconnect()
        return got

    got = async_to_sync(scenario)()
    chat = [frame for frame in got if frame["type"] == "chat"]
    errors = [frame for frame in got if frame["type"] == "error"]
    if errors:  # banned word or blank after trimming: refused, nothing stored
        assert not ChatMessage.objects.exists()
        return
    (frame,) = chat
    stored = ChatMessage.objects.get()
    assert stored.body == body.strip()
    # The client inserts the frame as HTML (static/livestream/live.js): it must be inert there.
    fragment = "<li><strong>" + frame["user"] + '</strong> <span class="live-chat-body">' + frame["body"] + "</span></li>"
    assert not _scan(fragment), (body, fragment)
    page = Client().get(reverse("livestream:detail", args=[live["session"].pk]))
    assert page.status_code == 200 and not _scan(page.content.decode()), body
    LiveSession.objects.filter(pk=live["session"].pk).update(status=LiveSession.Status.ENDED, replay_url="https://video.example.vn/replay.m3u8")
    replay = Client().get(reverse("livestream:detail", args=[live["session"].pk]))
    assert replay.status_code == 200 and not _scan(replay.content.decode()), body


def test_hostile_display_name_is_escaped_in_the_chat_frame_and_pages(live):
    viewer = live["viewer"]
    viewer.first_name = '<img src=x onerror=alert(1)>'
    viewer.last_name = '"><script>alert(1)</script>'
    viewer.save()
    cookie = session_cookie(viewer)

    async def scenario():
        socket = communicator(live["session"].pk, cookie)
        await socket.connect()
        await socket.receive_json_from()
        await socket.send_json_to({"type": "chat", "body": "chào cả nhà"})
        got = await _frames_until_pong(socket)
        await socket.disconnect()
        return got

    (frame,) = [f for f in async_to_sync(scenario)() if f["type"] == "chat"]
    assert "<img" not in frame["user"] and "&lt;img" in frame["user"]
    LiveSession.objects.filter(pk=live["session"].pk).update(status=LiveSession.Status.ENDED)
    page = Client().get(reverse("livestream:detail", args=[live["session"].pk])).content.decode()
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and not _scan(page)


@pytest.mark.parametrize(
    "frame",
    [
        {"type": "pin", "featured_id": 10**30},
        {"type": "pin", "featured_id": float("inf")},
        {"type": "pin", "featured_id": {"a": 1}},
        {"type": "hide", "message_id": 10**30},
        {"type": "hide", "message_id": [1]},
        {"type": "mute", "minutes": 5, "message_id": {"x": 1}},
        {"type": "mute", "minutes": 5, "message_id": 10**30},
        {"type": "mute", "minutes": 5, "user_id": 10**30},
        {"type": "mute", "minutes": 10**30, "user_id": 1},
        {"type": "offer_start", "featured_id": "ITEM", "minutes": 10**30},
        {"type": "offer_start", "featured_id": "ITEM", "minutes": 5, "live_price": 10**30},
        {"type": "offer_start", "featured_id": "ITEM", "minutes": 5, "live_price": float("nan")},
        {"type": "offer_start", "featured_id": "ITEM", "minutes": 5, "live_price": 1000, "cap": 10**30},
        {"type": "offer_end", "featured_id": float("-inf")},
        {"type": "end", "replay_url": {"x": 1}},
        {"type": "react", "kind": ["heart"]},
    ],
    ids=lambda frame: json.dumps(frame)[:60],
)
def test_host_frames_with_out_of_range_or_wrongly_typed_values_get_an_error(live, frame):
    _reset(live)
    frame = {k: (str(live["item"].pk) if v == "ITEM" else v) for k, v in frame.items()}
    (got,) = async_to_sync(_exchange)(live["session"].pk, live["cookies"]["host"], [json.dumps(frame)])
    kinds = [reply["type"] for reply in got if reply["type"] != "viewers"]
    assert kinds and set(kinds) <= REPLY_TYPES, got
