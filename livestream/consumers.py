"""The live channel `/ws/live/<id>/`. Thin: parse and validate a frame, call a service,
answer; never crash on bad input. Broadcasts go out from the services through the group."""
import asyncio
import collections
import json
import time

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.utils.translation import gettext as _

from livestream import ratelimit, selectors, services
from livestream.broadcast import group_name

MAX_FRAME_BYTES = 64 * 1024
_TRAILING = set()  # sessions with a trailing viewer-count broadcast scheduled in this process

# Join storm: the join snapshot's shared part is built once per session version in each
# process (any broadcast reaching this process's viewers starts a new version; at most
# STATE_TTL seconds old otherwise) and joiners arriving meanwhile wait for the same build.
STATE_TTL = 1.0
_STATE = {}  # session id → (built at, shared frame or None)
_STATE_BUILDS = {}  # session id → the build in flight
# Viewer counts: joins and leaves of this process are summed and written once per
# VIEWER_FLUSH seconds per session (one cache increment, no database write per join).
VIEWER_FLUSH = 0.25
_VIEWER_DELTAS = collections.defaultdict(int)


async def shared_state(session_id):
    entry = _STATE.get(session_id)
    if entry is not None and time.monotonic() - entry[0] < STATE_TTL:
        return entry[1]
    build = _STATE_BUILDS.get(session_id)
    if build is None:
        build = asyncio.ensure_future(database_sync_to_async(selectors.session_state_shared)(session_id))
        _STATE_BUILDS[session_id] = build

        def done(future, session_id=session_id):
            _STATE_BUILDS.pop(session_id, None)
            if not future.cancelled() and future.exception() is None:
                _STATE[session_id] = (time.monotonic(), future.result())

        build.add_done_callback(done)
    return await asyncio.shield(build)


def state_changed(session_id):
    _STATE.pop(session_id, None)


async def _flush_viewers(session_id):
    await asyncio.sleep(VIEWER_FLUSH)
    delta = _VIEWER_DELTAS.pop(session_id, 0)
    if delta:
        await database_sync_to_async(services.viewers_change)(session_id=session_id, delta=delta)
    if await database_sync_to_async(services.viewers_broadcast_due)(session_id=session_id):
        await _broadcast_viewers(session_id)
    elif session_id not in _TRAILING:
        # Trailing update (one per session per process): the count still reaches
        # everyone within about a second of the last change.
        _TRAILING.add(session_id)
        asyncio.ensure_future(_trailing_viewers(session_id))


async def _trailing_viewers(session_id):
    try:
        for _attempt in range(20):
            await asyncio.sleep(0.35)
            if await database_sync_to_async(services.viewers_broadcast_due)(session_id=session_id):
                await _broadcast_viewers(session_id)
                return
    finally:
        _TRAILING.discard(session_id)


async def _broadcast_viewers(session_id):
    from channels.layers import get_channel_layer

    count = await database_sync_to_async(selectors.viewer_count)(session_id)
    await get_channel_layer().group_send(
        group_name(session_id), {"type": "live.event", "payload": {"type": "viewers", "count": count}}
    )


def _host_action(func, *fields):
    """A moderator message: (consumer, content) → service call with those fields."""

    def handler(consumer, content):
        kwargs = {field: content.get(field) for field in fields}
        return func(session_id=consumer.session_id, user=consumer.user, **kwargs)

    return handler


def _mute(consumer, content):
    target = content.get("user_id")
    if target is None and content.get("message_id") is not None:
        target = services.chat_message_author(message_id=content.get("message_id"), session_id=consumer.session_id)
    return services.user_mute(
        session_id=consumer.session_id, user=consumer.user, target_user_id=target, minutes=content.get("minutes", 10)
    )


# type → (handler, fields that must be present)
HANDLERS = {
    "chat": (lambda c, m: services.chat_post(session_id=c.session_id, user=c.user, body=m.get("body")), ("body",)),
    "react": (lambda c, m: services.reaction_send(session_id=c.session_id, user=c.user, kind=m.get("kind")), ("kind",)),
    "pin": (_host_action(services.product_pin, "featured_id"), ("featured_id",)),
    "unpin": (_host_action(services.product_unpin), ()),
    "offer_start": (
        lambda c, m: services.offer_start(
            session_id=c.session_id,
            user=c.user,
            featured_id=m.get("featured_id"),
            minutes=m.get("minutes"),
            live_price=m.get("live_price"),
            quantity_cap=m.get("cap"),
        ),
        ("featured_id", "minutes"),
    ),
    "offer_end": (_host_action(services.offer_end, "featured_id"), ("featured_id",)),
    "hide": (_host_action(services.chat_hide, "message_id"), ("message_id",)),
    "mute": (_mute, ("minutes",)),
    "go_live": (_host_action(services.session_go_live), ()),
    "end": (lambda c, m: services.session_end(session_id=c.session_id, user=c.user, replay_url=m.get("replay_url") or ""), ()),
    "state": (lambda c, m: selectors.session_state(c.session_id, c.user), ()),
}
# Messages whose service result goes back to the sender (the rest reach everyone via the group).
REPLY_WITH_RESULT = {"mute", "state"}


def _frame_kind(text_data):
    """The frame's type for the rate budget, read cheaply (bounded) before full validation."""
    if text_data is None or len(text_data) > MAX_FRAME_BYTES:
        return "invalid"
    try:
        kind = json.loads(text_data).get("type")
    except (ValueError, AttributeError, RecursionError):
        return "invalid"
    return kind if isinstance(kind, str) and kind in HANDLERS or kind == "ping" else "invalid"


class LiveSessionConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        self.session_id = self.scope["url_route"]["kwargs"]["session_id"]
        self.user = self.scope.get("user")
        self.joined = False
        self.budget = ratelimit.FrameBudget()
        self.admitted = ratelimit.admit(self.scope, self.session_id)
        if not self.admitted:
            await self.close(code=4429)  # too many connections from this address / anonymous viewers
            return
        shared = await shared_state(self.session_id)
        if shared is None:
            await self.close(code=4404)
            return
        self.group = group_name(self.session_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        self.joined = True
        moderator = False
        if self.user is not None and self.user.is_authenticated:
            moderator = await database_sync_to_async(selectors.can_host_session)(self.user, self.session_id)
        if moderator:
            self.budget = ratelimit.FrameBudget(host=True)
        await self.send_json(selectors.viewer_state(shared, self.user, moderator))
        await self.viewers_changed(+1)

    async def disconnect(self, code):
        if getattr(self, "admitted", False):
            self.admitted = False
            ratelimit.release(self.scope, self.session_id)
        if getattr(self, "joined", False):
            self.joined = False
            await self.channel_layer.group_discard(self.group, self.channel_name)
            await self.viewers_changed(-1)

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        kind = _frame_kind(text_data)
        if not self.budget.allow(kind):
            await self.send_error("rate_limited", _("Bạn gửi quá nhanh, hãy chậm lại."), ref=kind)
            return
        size = len(text_data.encode("utf-8")) if text_data is not None else len(bytes_data or b"")
        if size > MAX_FRAME_BYTES:
            await self.send_error("too_large", _("Tin nhắn vượt quá 64 KiB."))
            await self.close(code=1009)
            return
        if text_data is None:
            await self.send_error("invalid_frame", _("Chỉ nhận tin nhắn JSON dạng văn bản."))
            return
        try:
            content = json.loads(text_data)
        except (json.JSONDecodeError, RecursionError):
            await self.send_error("invalid_json", _("Tin nhắn không phải JSON hợp lệ."))
            return
        await self.receive_json(content)

    async def receive_json(self, content, **kwargs):
        if not isinstance(content, dict) or not isinstance(content.get("type"), str):
            await self.send_error("missing_type", _("Tin nhắn phải là một đối tượng JSON có trường 'type'."))
            return
        kind = content["type"]
        if kind == "ping":
            await self.send_json({"type": "pong", "session": self.session_id})
            return
        if kind not in HANDLERS:
            await self.send_error("unknown_type", _("Loại tin nhắn không được hỗ trợ: %(type)s") % {"type": kind[:50]})
            return
        handler, required = HANDLERS[kind]
        missing = [field for field in required if content.get(field) in (None, "")]
        if missing:
            await self.send_error(
                "missing_field", _("Thiếu trường: %(fields)s") % {"fields": ", ".join(missing)}, ref=kind
            )
            return
        try:
            result = await database_sync_to_async(handler)(self, content)
        except services.LiveError as error:
            await self.send_error(error.code, error.message, ref=kind)
            return
        if kind in REPLY_WITH_RESULT:
            await self.send_json(result)

    async def dispatch(self, message):
        # Fan-out frames touch no database: skip Channels' per-message connection clean-up,
        # a hop through the single database thread for every viewer of every broadcast.
        if message["type"] == "live.event":
            if message["payload"].get("type") != "viewers":
                state_changed(self.session_id)  # a new version of the session: rebuild on the next join
            await self.live_event(message)
            return
        await super().dispatch(message)

    async def live_event(self, event):
        await self.send_json(event["payload"])

    async def viewers_changed(self, delta):
        pending = self.session_id in _VIEWER_DELTAS
        _VIEWER_DELTAS[self.session_id] += delta
        if not pending:
            asyncio.ensure_future(_flush_viewers(self.session_id))

    async def broadcast_viewers(self):
        await _broadcast_viewers(self.session_id)

    async def send_error(self, code, message, ref=None):
        frame = {"type": "error", "code": code, "message": message}
        if ref:
            frame["ref"] = ref
        await self.send_json(frame)
