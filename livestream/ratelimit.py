"""Budgets of the live channel (issue 17 §4, ASVS V11.1.4/V13.4): how much one websocket, one
address and the anonymous viewers of one session may take from this process.

- ``FrameBudget``: every frame a connection sends spends from a token bucket (all types together),
  and each type has its own bucket too (``state`` runs several queries and thumbnails; host actions
  and chat are cheap but must not flood). Over budget: an error frame, the frame is dropped.
- ``admit``/``release``: open connections per client address (daphne's ``scope["client"]``, which
  nginx sets by overwriting X-Forwarded-For) and anonymous viewers per live session, in this
  process. nginx's ``limit_conn`` bounds the total in front of all processes (docs/OPERATIONS.md).

The chat and reaction rules of livestream.services (per user, in the database) still apply on top.
"""
import time
from collections import Counter

from django.conf import settings

#: (frames, seconds) per connection for all frame types together, then per type.
DEFAULT_TOTAL = (30, 10)
DEFAULT_PER_TYPE = {
    "state": (3, 10),
    "chat": (10, 10),
    "react": (20, 10),
    "ping": (6, 10),
    "invalid": (5, 10),  # frames that are not JSON, too large, without a type…
}
DEFAULT_HOST_ACTION = (10, 10)  # pin, offer_start, hide, mute, end…
#: The session's host and moderators get every budget multiplied: they answer a busy chat, hide
#: and mute in bursts, pin and start offers; the budgets are against viewers flooding the channel.
DEFAULT_HOST_FACTOR = 10

#: Not capped per address: the machine itself (benchmarks, health checks) and test communicators
#: without a client. Behind nginx, daphne --proxy-headers gives the real client address instead.
UNCOUNTED_ADDRESSES = {"", "127.0.0.1", "::1"}

_by_address = Counter()
_anonymous_by_session = Counter()


def _setting(name, default):
    return getattr(settings, name, default)


class _Bucket:
    __slots__ = ("capacity", "rate", "tokens", "stamp")

    def __init__(self, frames, seconds):
        self.capacity = float(frames)
        self.rate = frames / seconds
        self.tokens = float(frames)
        self.stamp = time.monotonic()

    def take(self, now):
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


class FrameBudget:
    """One per connection: ``allow(kind)`` is False once the connection sends too fast."""

    def __init__(self, host=False):
        self.factor = _setting("LIVE_WS_HOST_BUDGET_FACTOR", DEFAULT_HOST_FACTOR) if host else 1
        frames, seconds = _setting("LIVE_WS_FRAME_BUDGET", DEFAULT_TOTAL)
        self.total = _Bucket(frames * self.factor, seconds)
        self.per_type = {}

    def allow(self, kind):
        per_type = _setting("LIVE_WS_FRAME_BUDGET_PER_TYPE", DEFAULT_PER_TYPE)
        now = time.monotonic()
        key = kind if kind in per_type else "_host_action"
        bucket = self.per_type.get(key)
        if bucket is None:
            frames, seconds = per_type.get(key, DEFAULT_HOST_ACTION)
            bucket = self.per_type[key] = _Bucket(frames * self.factor, seconds)
        # Both must have a token; the type's is checked first so a flood of one type does not
        # also drain the total for the others.
        return bucket.take(now) and self.total.take(now)


def client_address(scope):
    client = scope.get("client") or ("", 0)
    return client[0] or ""


def admit(scope, session_id):
    """True (and counted) if this connection may open; call ``release`` with the same arguments."""
    address = client_address(scope)
    anonymous = not getattr(scope.get("user"), "is_authenticated", False)
    if address not in UNCOUNTED_ADDRESSES and _by_address[address] >= _setting("LIVE_WS_MAX_PER_ADDRESS", 50):
        return False
    if anonymous and _anonymous_by_session[session_id] >= _setting("LIVE_WS_MAX_ANONYMOUS_PER_SESSION", 3000):
        return False
    _by_address[address] += 1
    if anonymous:
        _anonymous_by_session[session_id] += 1
    return True


def release(scope, session_id):
    address = client_address(scope)
    _by_address[address] -= 1
    if _by_address[address] <= 0:
        del _by_address[address]
    if not getattr(scope.get("user"), "is_authenticated", False):
        _anonymous_by_session[session_id] -= 1
        if _anonymous_by_session[session_id] <= 0:
            del _anonymous_by_session[session_id]
