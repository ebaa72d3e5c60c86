"""Serving our HLS from the web process's origin, ahead of Django (an ASGI wrapper).

`/media/live/<session>/<file>`: playlists may be cached 1 s (a CDN in front collapses the
viewers' polling into one request per second), segments are immutable (their names are never
reused), the poster a minute. Files are read through Django's storage API on a thread and kept
in a small in-process cache (segments by size, playlists for a quarter of a second), so a
thousand viewers polling one playlist cost one read. In production nginx or a CDN serves
MEDIA_URL with the same headers (docs/OPERATIONS.md) and this path is never reached.
"""
import asyncio
import collections
import re
import time

from django.conf import settings
from django.core.files.storage import default_storage

from livestream.media import paths

TYPES = {
    ".m3u8": ("application/vnd.apple.mpegurl", "public, max-age=1"),
    ".ts": ("video/mp2t", "public, max-age=31536000, immutable"),
    ".jpg": ("image/jpeg", "public, max-age=60"),
}
SERVED = re.compile(r"^(\d{1,12})/(seg-\d{1,9}\.ts|live\.m3u8|vod\.m3u8|poster\.jpg)$")
PLAYLIST_TTL = 0.25
SEGMENT_CACHE_BYTES = 64 * 1024 * 1024


class _Cache:
    def __init__(self):
        self.items = collections.OrderedDict()  # name → (expires or None, data)
        self.size = 0

    def get(self, name):
        item = self.items.get(name)
        if item is None:
            return None
        expires, data = item
        if expires is not None and expires < time.monotonic():
            return None
        self.items.move_to_end(name)
        return data

    def put(self, name, data, ttl=None):
        old = self.items.pop(name, None)
        if old is not None:
            self.size -= len(old[1])
        self.items[name] = (time.monotonic() + ttl if ttl else None, data)
        self.size += len(data)
        while self.size > SEGMENT_CACHE_BYTES and self.items:
            _name, (_expires, evicted) = self.items.popitem(last=False)
            self.size -= len(evicted)


def _read(name):
    try:
        with default_storage.open(name) as handle:
            return handle.read()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


class LiveMediaApp:
    def __init__(self, application):
        self.application = application
        self.prefix = f"{settings.MEDIA_URL.rstrip('/')}/{settings.LIVE_MEDIA_FOLDER}/"
        self.cache = _Cache()
        self.loading = {}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not scope["path"].startswith(self.prefix) or not self.prefix.startswith("/"):
            return await self.application(scope, receive, send)
        match = SERVED.match(scope["path"][len(self.prefix):])
        if scope["method"] not in ("GET", "HEAD") or match is None:
            return await self._respond(send, 404 if match is None else 405, b"", "text/plain", "no-store")
        session_id, name = match.groups()
        content_type, cache_control = TYPES["." + name.rsplit(".", 1)[1]]
        data = await self._load(paths.path(int(session_id), name), ttl=PLAYLIST_TTL if name.endswith(".m3u8") else None)
        if data is None:
            return await self._respond(send, 404, b"", "text/plain", "no-store")
        await self._respond(send, 200, b"" if scope["method"] == "HEAD" else data, content_type, cache_control, len(data))

    async def _load(self, name, ttl):
        data = self.cache.get(name)
        if data is not None:
            return data
        # One read per file however many viewers ask at once.
        pending = self.loading.get(name)
        if pending is None:
            pending = asyncio.ensure_future(asyncio.to_thread(_read, name))
            self.loading[name] = pending
            pending.add_done_callback(lambda _f: self.loading.pop(name, None))
        data = await asyncio.shield(pending)
        if data is not None and (ttl or name.endswith((".ts", ".jpg"))):
            self.cache.put(name, data, ttl)
        return data

    @staticmethod
    async def _respond(send, status, body, content_type, cache_control, length=None):
        headers = [
            (b"content-type", content_type.encode()),
            (b"cache-control", cache_control.encode()),
            (b"content-length", str(len(body) if length is None else length).encode()),
            (b"access-control-allow-origin", b"*"),
            (b"x-content-type-options", b"nosniff"),
        ]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
