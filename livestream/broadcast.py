"""Fan-out to every viewer of a session through the channel layer (Redis across processes)."""
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction


def group_name(session_id):
    return f"live_{session_id}"


def send_now(session_id, payload):
    layer = get_channel_layer()
    if layer is not None:
        async_to_sync(layer.group_send)(group_name(session_id), {"type": "live.event", "payload": payload})


def broadcast(session_id, payload):
    """Send once the current transaction commits (never announce a rolled-back change)."""
    transaction.on_commit(lambda: send_now(session_id, payload))
