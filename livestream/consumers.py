"""The live channel. Thin: parse and validate a frame, answer, never crash on bad input."""
import json

from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.utils.translation import gettext as _


class LiveSessionConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        self.session_id = self.scope["url_route"]["kwargs"]["session_id"]
        await self.accept()

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        if text_data is None:
            await self.send_error("invalid_frame", _("Chỉ nhận tin nhắn JSON dạng văn bản."))
            return
        try:
            content = json.loads(text_data)
        except json.JSONDecodeError:
            await self.send_error("invalid_json", _("Tin nhắn không phải JSON hợp lệ."))
            return
        await self.receive_json(content)

    async def receive_json(self, content, **kwargs):
        if not isinstance(content, dict) or not isinstance(content.get("type"), str):
            await self.send_error("missing_type", _("Tin nhắn phải là một đối tượng JSON có trường 'type'."))
            return
        if content["type"] == "ping":
            await self.send_json({"type": "pong", "session": self.session_id})
            return
        await self.send_error("unknown_type", _("Loại tin nhắn không được hỗ trợ: %(type)s") % {"type": content["type"][:50]})

    async def send_error(self, code, message):
        await self.send_json({"type": "error", "code": code, "message": message})
