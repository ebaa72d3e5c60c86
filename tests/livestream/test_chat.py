"""Chat over the live channel: login, persistence, escaping, length, rate, banned words,
moderation, history for late joiners."""
import datetime

import pytest
from channels.db import database_sync_to_async
from django.utils import timezone

from livestream.models import ChatMessage, ChatMute
from tests.factories import UserFactory
from tests.factories.livestream import host_user, live_session
from tests.livestream.conftest import joined, next_of, session_cookie

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


@pytest.fixture
def setup():
    session = live_session(banned_words="lừa đảo\nhàng giả")
    viewer = UserFactory(username="an", first_name="An")
    host = host_user(session, username="chu-htx")
    return {
        "session": session,
        "viewer": viewer,
        "viewer_cookie": session_cookie(viewer),
        "host": host,
        "host_cookie": session_cookie(host),
        "other_cookie": session_cookie(UserFactory(username="binh")),
    }


async def test_anonymous_viewer_cannot_chat_or_react(setup):
    socket, _ = await joined(setup["session"].pk)
    await socket.send_json_to({"type": "chat", "body": "xin chào"})
    frame = await next_of(socket, "error")
    assert frame["code"] == "login_required"
    await socket.send_json_to({"type": "react", "kind": "heart"})
    assert (await next_of(socket, "error"))["code"] == "login_required"
    assert await database_sync_to_async(ChatMessage.objects.count)() == 0
    await socket.disconnect()


async def test_chat_is_persisted_escaped_and_reaches_every_viewer(setup):
    watcher, _ = await joined(setup["session"].pk)
    sender, state = await joined(setup["session"].pk, setup["viewer_cookie"])
    assert state["logged_in"] is True and state["can_moderate"] is False
    await sender.send_json_to({"type": "chat", "body": "  <b>Miến</b> ngon & rẻ  "})
    frame = await next_of(watcher, "chat")
    assert frame["body"] == "&lt;b&gt;Miến&lt;/b&gt; ngon &amp; rẻ"
    assert frame["user"] == "An"
    assert (await next_of(sender, "chat"))["id"] == frame["id"]
    stored = await database_sync_to_async(ChatMessage.objects.get)()
    assert stored.body == "<b>Miến</b> ngon & rẻ"
    await watcher.disconnect()
    await sender.disconnect()


async def test_too_long_empty_and_banned_messages_are_refused(setup):
    socket, _ = await joined(setup["session"].pk, setup["viewer_cookie"])
    await socket.send_json_to({"type": "chat", "body": "a" * 501})
    assert (await next_of(socket, "error"))["code"] == "too_long"
    await socket.send_json_to({"type": "chat", "body": "   "})
    assert (await next_of(socket, "error"))["code"] == "empty_message"
    await socket.send_json_to({"type": "chat", "body": 42})
    assert (await next_of(socket, "error"))["code"] == "invalid_body"
    await socket.send_json_to({"type": "chat", "body": "Shop này LỪA ĐẢO"})
    assert (await next_of(socket, "error"))["code"] == "banned_word"
    await socket.send_json_to({"type": "chat", "body": "a" * 500})
    assert len((await next_of(socket, "chat"))["body"]) == 500
    assert await database_sync_to_async(ChatMessage.objects.count)() == 1
    await socket.disconnect()


async def test_chat_is_rate_limited_per_user(setup):
    socket, _ = await joined(setup["session"].pk, setup["viewer_cookie"])
    for n in range(5):
        await socket.send_json_to({"type": "chat", "body": f"tin {n}"})
        await next_of(socket, "chat")
    await socket.send_json_to({"type": "chat", "body": "tin thứ sáu"})
    frame = await next_of(socket, "error")
    assert frame["code"] == "rate_limited" and "5 tin nhắn trong 10 giây" in frame["message"]
    assert await database_sync_to_async(ChatMessage.objects.count)() == 5
    # Another user is not affected.
    other, _ = await joined(setup["session"].pk, setup["other_cookie"])
    await other.send_json_to({"type": "chat", "body": "tôi vẫn gửi được"})
    assert (await next_of(other, "chat"))["body"] == "tôi vẫn gửi được"
    await socket.disconnect()
    await other.disconnect()


async def test_host_hides_a_message_and_mutes_its_author(setup):
    host, host_state = await joined(setup["session"].pk, setup["host_cookie"])
    assert host_state["can_moderate"] is True
    viewer, _ = await joined(setup["session"].pk, setup["viewer_cookie"])
    await viewer.send_json_to({"type": "chat", "body": "quảng cáo linh tinh"})
    message = await next_of(host, "chat")
    await host.send_json_to({"type": "hide", "message_id": message["id"]})
    assert (await next_of(viewer, "chat_hidden"))["id"] == message["id"]
    await host.send_json_to({"type": "mute", "message_id": message["id"], "minutes": 10})
    muted = await next_of(host, "muted")
    assert muted["user_id"] == setup["viewer"].pk
    await viewer.send_json_to({"type": "chat", "body": "cho tôi nói"})
    frame = await next_of(viewer, "error")
    assert frame["code"] == "muted"
    hidden = await database_sync_to_async(ChatMessage.objects.get)(pk=message["id"])
    assert hidden.is_hidden and hidden.hidden_by_id == setup["host"].pk
    # A late joiner does not get the hidden message.
    late, state = await joined(setup["session"].pk)
    assert state["chat"] == []
    for socket in (host, viewer, late):
        await socket.disconnect()


async def test_viewers_cannot_moderate(setup):
    viewer, _ = await joined(setup["session"].pk, setup["viewer_cookie"])
    await viewer.send_json_to({"type": "chat", "body": "xin chào"})
    message = await next_of(viewer, "chat")
    await viewer.send_json_to({"type": "hide", "message_id": message["id"]})
    assert (await next_of(viewer, "error"))["code"] == "forbidden"
    await viewer.send_json_to({"type": "mute", "user_id": setup["host"].pk, "minutes": 5})
    assert (await next_of(viewer, "error"))["code"] == "forbidden"
    assert not await database_sync_to_async(ChatMute.objects.exists)()
    await viewer.disconnect()


async def test_expired_mute_lets_the_user_chat_again(setup):
    await database_sync_to_async(ChatMute.objects.create)(
        session=setup["session"], user=setup["viewer"], muted_until=timezone.now() - datetime.timedelta(seconds=1)
    )
    socket, _ = await joined(setup["session"].pk, setup["viewer_cookie"])
    await socket.send_json_to({"type": "chat", "body": "đã hết bị khoá"})
    assert (await next_of(socket, "chat"))["body"] == "đã hết bị khoá"
    await socket.disconnect()


def _many_messages(session, user, count):
    ChatMessage.objects.bulk_create([ChatMessage(session=session, user=user, body=f"tin {n}") for n in range(count)])


async def test_late_joiners_get_the_last_50_messages_in_order(setup):
    await database_sync_to_async(_many_messages)(setup["session"], setup["viewer"], 60)
    socket, state = await joined(setup["session"].pk)
    bodies = [frame["body"] for frame in state["chat"]]
    assert len(bodies) == 50
    assert bodies[0] == "tin 10" and bodies[-1] == "tin 59"
    await socket.disconnect()


async def test_reaction_reaches_viewers(setup):
    watcher, _ = await joined(setup["session"].pk)
    sender, _ = await joined(setup["session"].pk, setup["viewer_cookie"])
    await sender.send_json_to({"type": "react", "kind": "heart"})
    assert (await next_of(watcher, "reaction"))["kind"] == "heart"
    await sender.send_json_to({"type": "react", "kind": "<script>"})
    assert (await next_of(sender, "error"))["code"] == "invalid_reaction"
    await watcher.disconnect()
    await sender.disconnect()
