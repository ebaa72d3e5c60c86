"""Host controls over the live channel: go live/end, pin, flash offers, viewer count."""
import asyncio

import pytest
from channels.db import database_sync_to_async
from django.core import mail

from livestream.models import LiveReminder, LiveSession, PinMarker
from tests.factories import UserFactory
from tests.factories.livestream import featured, host_user, live_session
from tests.livestream.conftest import joined, next_of, session_cookie

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


@pytest.fixture
def live():
    session = live_session()
    host = host_user(session)
    return {
        "session": session,
        "item": featured(session, price=150000, live_price=99000, cap=10),
        "host_cookie": session_cookie(host),
        "viewer_cookie": session_cookie(UserFactory()),
    }


async def test_non_host_cannot_pin_offer_or_end(live):
    viewer, _ = await joined(live["session"].pk, live["viewer_cookie"])
    anonymous, _ = await joined(live["session"].pk)
    for socket in (viewer, anonymous):
        await socket.send_json_to({"type": "pin", "featured_id": live["item"].pk})
        assert (await next_of(socket, "error"))["code"] == "forbidden"
        await socket.send_json_to({"type": "offer_start", "featured_id": live["item"].pk, "minutes": 5})
        assert (await next_of(socket, "error"))["code"] == "forbidden"
        await socket.send_json_to({"type": "end"})
        assert (await next_of(socket, "error"))["code"] == "forbidden"
    session = await database_sync_to_async(LiveSession.objects.get)(pk=live["session"].pk)
    assert session.pinned_id is None and session.status == "live"
    await viewer.disconnect()
    await anonymous.disconnect()


async def test_host_pins_and_every_viewer_sees_the_card(live):
    host, _ = await joined(live["session"].pk, live["host_cookie"])
    viewer, _ = await joined(live["session"].pk)
    await host.send_json_to({"type": "pin", "featured_id": live["item"].pk})
    frame = await next_of(viewer, "pinned")
    card = frame["product"]
    assert card["id"] == live["item"].pk and card["price"] == 150000 and card["offer_running"] is False
    assert await database_sync_to_async(PinMarker.objects.filter(session=live["session"]).count)() == 1
    late, state = await joined(live["session"].pk)
    assert state["pinned"]["id"] == live["item"].pk
    await host.send_json_to({"type": "pin", "featured_id": 999999})
    assert (await next_of(host, "error"))["code"] == "unknown_product"
    await host.send_json_to({"type": "unpin"})
    assert (await next_of(viewer, "pinned"))["product"] is None
    for socket in (host, viewer, late):
        await socket.disconnect()


async def test_flash_offer_starts_with_countdown_and_ends(live):
    host, _ = await joined(live["session"].pk, live["host_cookie"])
    viewer, _ = await joined(live["session"].pk)
    await host.send_json_to({"type": "offer_start", "featured_id": live["item"].pk, "minutes": 0})
    assert (await next_of(host, "error"))["code"] == "invalid_minutes"
    await host.send_json_to({"type": "offer_start", "featured_id": live["item"].pk, "minutes": 5, "live_price": "99000.5"})
    assert (await next_of(host, "error"))["code"] == "invalid_price"
    await host.send_json_to({"type": "offer_start", "featured_id": live["item"].pk, "minutes": 5, "live_price": 200000})
    assert (await next_of(host, "error"))["code"] == "price_above_regular"
    await host.send_json_to(
        {"type": "offer_start", "featured_id": live["item"].pk, "minutes": 5, "live_price": 89000, "cap": 3}
    )
    frame = await next_of(viewer, "offer")
    assert frame["state"] == "started"
    card = frame["product"]
    assert card["offer_running"] and card["live_price"] == 89000 and card["remaining"] == 3 and card["offer_ends_at"]
    await host.send_json_to({"type": "offer_end", "featured_id": live["item"].pk})
    frame = await next_of(viewer, "offer")
    assert frame["state"] == "ended" and frame["product"]["offer_running"] is False
    await host.disconnect()
    await viewer.disconnect()


async def test_go_live_emails_reminders_and_end_closes_the_session(live):
    session = await database_sync_to_async(live_session)(status=LiveSession.Status.SCHEDULED)
    host = await database_sync_to_async(host_user)(session)
    cookie = await database_sync_to_async(session_cookie)(host)
    fan = await database_sync_to_async(UserFactory)(email="fan@example.vn")
    await database_sync_to_async(LiveReminder.objects.create)(session=session, user=fan)
    host_socket, state = await joined(session.pk, cookie)
    assert state["status"] == "scheduled"
    viewer, _ = await joined(session.pk)
    await host_socket.send_json_to({"type": "go_live"})
    assert (await next_of(viewer, "status"))["status"] == "live"
    for _ in range(40):  # the reminders go out right after the status broadcast
        if mail.outbox:
            break
        await asyncio.sleep(0.05)
    assert [m.to for m in mail.outbox] == [["fan@example.vn"]]
    assert session.title in mail.outbox[0].subject
    await host_socket.send_json_to({"type": "go_live"})
    assert (await next_of(host_socket, "error"))["code"] == "bad_status"
    await host_socket.send_json_to({"type": "end", "replay_url": "https://video.example.vn/replay.m3u8"})
    assert (await next_of(viewer, "status"))["status"] == "ended"
    ended = await database_sync_to_async(LiveSession.objects.get)(pk=session.pk)
    assert ended.status == "ended" and ended.replay_url.endswith("replay.m3u8") and ended.ended_at
    await viewer.send_json_to({"type": "chat", "body": "muộn rồi"})
    assert (await next_of(viewer, "error"))["code"] == "login_required"
    await host_socket.disconnect()
    await viewer.disconnect()


async def test_viewer_count_is_broadcast(live):
    first, state = await joined(live["session"].pk)
    assert (await next_of(first, "viewers"))["count"] == 1
    second, state = await joined(live["session"].pk)
    # Throttled to one update a second: the trailing update carries the new count.
    frame = await next_of(first, "viewers", timeout=3)
    assert frame["count"] == 2
    await second.disconnect()
    frame = await next_of(first, "viewers", timeout=3)
    assert frame["count"] == 1
    await first.disconnect()
