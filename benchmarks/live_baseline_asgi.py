"""The baseline of benchmarks/live_fanout.py: the smallest Channels broadcast consumer
(join a group; whatever a client sends is group_sent to everyone), on the same channel layer."""
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.dev")
django.setup()

from channels.generic.websocket import AsyncWebsocketConsumer  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from django.urls import path  # noqa: E402


class BroadcastConsumer(AsyncWebsocketConsumer):
    group = "bench_baseline"

    async def connect(self):
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None):
        await self.channel_layer.group_send(self.group, {"type": "bench.event", "text": text_data})

    async def bench_event(self, event):
        await self.send(text_data=event["text"])


async def not_found(scope, receive, send):
    await send({"type": "http.response.start", "status": 404, "headers": []})
    await send({"type": "http.response.body", "body": b""})


application = ProtocolTypeRouter(
    {"http": not_found, "websocket": URLRouter([path("ws/bench/", BroadcastConsumer.as_asgi())])}
)
