import hashlib
import hmac
import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

WEBHOOK_SECRET = "whsec_test_ocop_backan"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def localstripe_url(tmp_path_factory):
    """The real `stripe` library talks to localstripe (a fake Stripe server from PyPI) on
    127.0.0.1; it is stopped when the session ends. No test reaches the network."""
    port = _free_port()
    executable = Path(sys.executable).with_name("localstripe")
    if not executable.exists():
        pytest.skip("localstripe is not installed (requirements-dev.txt)")
    log = (tmp_path_factory.mktemp("localstripe") / "localstripe.log").open("w")
    process = subprocess.Popen([str(executable), "--port", str(port), "--from-scratch"], stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            time.sleep(0.2)
    else:
        process.terminate()
        pytest.fail("localstripe did not start")
    yield url
    process.terminate()
    process.wait(timeout=10)
    log.close()


@pytest.fixture
def stripe_settings(settings, localstripe_url):
    settings.STRIPE_SECRET_KEY = "sk_test_ocop"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_ocop"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_ENABLED = True
    settings.STRIPE_API_BASE = localstripe_url
    return settings


def sign(payload: bytes, *, secret=WEBHOOK_SECRET, timestamp=None):
    """The Stripe-Signature header exactly as Stripe builds it: t=…,v1=HMAC-SHA256(t.payload)."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    signed = f"{timestamp}.".encode() + payload
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


_counter = iter(range(1, 10**6))


def stripe_event(event_type, obj, *, event_id=None):
    return json.dumps(
        {
            "id": event_id or f"evt_test_{next(_counter)}",
            "object": "event",
            "type": event_type,
            "created": int(time.time()),
            "livemode": False,
            "data": {"object": obj},
        }
    ).encode()


@pytest.fixture
def post_event(client):
    def post(payload, signature=None):
        return client.post(
            "/webhooks/stripe/",
            data=payload,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=signature if signature is not None else sign(payload),
        )

    return post
