"""Scale-out: two daphne processes on different ports share a session through Redis — a
chat sent through one reaches a viewer connected to the other."""
import asyncio
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from tests.factories import UserFactory
from tests.factories.livestream import live_session
from tests.livestream.conftest import session_cookie

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("LIVE_TEST_REDIS_URL", "redis://127.0.0.1:6379/7")


def redis_up():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def database_url():
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        user = settings.get("USER") or "postgres"
        return f"postgres://{user}@{settings.get('HOST') or '127.0.0.1'}:{settings.get('PORT') or 5432}/{settings['NAME']}"
    if connection.vendor == "sqlite" and not str(settings["NAME"]).startswith(("file:", ":memory:")):
        return f"sqlite:///{settings['NAME']}"
    return None


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_daphne(url, tmp_path, name):
    port = free_port()
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="marketplace.settings.test", DATABASE_URL=url, REDIS_URL=REDIS_URL)
    env.pop("TEST_SQLITE_PATH", None)
    log = open(tmp_path / f"{name}.log", "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), "marketplace.asgi:application"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return process, port
        except urllib.error.HTTPError:
            return process, port
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.2)
    process.terminate()
    raise AssertionError(f"daphne {name} did not start: {(tmp_path / f'{name}.log').read_text()[-2000:]}")


@pytest.mark.django_db(transaction=True)
def test_chat_crosses_processes_through_redis(tmp_path):
    if not redis_up():
        pytest.skip("Redis is not running at 127.0.0.1:6379")
    url = database_url()
    if url is None:
        pytest.skip("needs a database the servers can open (PostgreSQL or a file SQLite: TEST_SQLITE_PATH)")
    import aiohttp

    session = live_session()
    cookie = session_cookie(UserFactory(first_name="Lan"))
    servers = []
    try:
        for name in ("a", "b"):
            servers.append(start_daphne(url, tmp_path, name))
    except AssertionError:
        for process, _port in servers:
            process.terminate()
        raise
    (_, port_a), (_, port_b) = servers
    assert port_a != port_b

    async def journey():
        async with aiohttp.ClientSession() as http:
            viewer = await http.ws_connect(f"ws://127.0.0.1:{port_a}/ws/live/{session.pk}/", origin=f"http://127.0.0.1:{port_a}")
            chatter = await http.ws_connect(
                f"ws://127.0.0.1:{port_b}/ws/live/{session.pk}/",
                origin=f"http://127.0.0.1:{port_b}",
                headers={"Cookie": f"sessionid={cookie}"},
            )
            assert json.loads((await viewer.receive(timeout=10)).data)["type"] == "state"
            assert json.loads((await chatter.receive(timeout=10)).data)["logged_in"] is True
            await chatter.send_str(json.dumps({"type": "chat", "body": "chào từ tiến trình B"}))
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                frame = json.loads((await viewer.receive(timeout=10)).data)
                if frame["type"] == "chat":
                    return frame
            raise AssertionError("the chat never reached process A")

    try:
        frame = asyncio.run(journey())
    finally:
        for process, _port in servers:
            process.terminate()
            process.wait(timeout=10)
    assert frame["body"] == "chào từ tiến trình B" and frame["user"] == "Lan"
