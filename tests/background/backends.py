"""E-mail backends for the background tests: a mail server that is down, one that counts."""
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

state = {"down": False}


class FlakyBackend(LocmemBackend):
    """Refuses every message while state["down"], like an SMTP server that is unreachable."""

    def open(self):
        if state["down"]:
            raise ConnectionRefusedError("SMTP server unreachable")
        return super().open()

    def send_messages(self, messages):
        if state["down"]:
            raise ConnectionRefusedError("SMTP server unreachable")
        return super().send_messages(messages)


class NullBackend(BaseEmailBackend):
    def send_messages(self, messages):
        return len(messages)
