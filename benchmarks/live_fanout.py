"""Live fan-out: N viewers on one daphne process, the host broadcasting 10 events/s.

For each N (default 100, 500, 1000; --smoke: 50 viewers for 5 s) the viewers open their sockets
within one second (a join storm: printed, all connected with their first state frame, p50/p99,
target p99 ≤ 3 s at N = 1000), then two servers are measured
in the same run, each a daphne subprocess with the project's settings:
  * baseline: a minimal Channels broadcast consumer (benchmarks/live_baseline_asgi.py):
    join a group, group_send whatever the host sends;
  * live: the project's LiveSessionConsumer at /ws/live/<id>/; the host (a producer user,
    logged in through a session cookie) sends chat messages carrying a sequence number,
    each persisted and broadcast by livestream.services.chat_post.
Every viewer records which sequence numbers arrived and when; printed per N and server:
delivered/expected (anything short was dropped, e.g. past the channel layer's capacity),
p50/p99 latency (host send → viewer receive, one clock), and live/baseline p99 ratio.
Target (issue 9) at N = 1000: nothing lost, p99 ≤ 2× the baseline's.

    .venv/bin/python benchmarks/live_fanout.py --smoke
    REDIS_URL=redis://127.0.0.1:6379/5 .venv/bin/python benchmarks/live_fanout.py --viewers 100 500 1000

Uses SQLite in a temporary file (migrated on first use) unless DATABASE_URL is set.
"""
import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.dev")
os.environ.setdefault("DEBUG", "0")
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = "sqlite:///" + str(Path(tempfile.gettempdir()) / "ocop-bench-live.sqlite3")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def setup_data():
    """Migrate, then an idempotent live session with a host; returns (session id, host session key)."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.utils import timezone
    from oscar.core.loading import get_model

    from livestream.models import LiveSession

    call_command("migrate", verbosity=0, interactive=False)
    Partner = get_model("partner", "Partner")
    partner, _ = Partner.objects.get_or_create(code="bench-live", defaults={"name": "HTX đo tải live"})
    host, _ = get_user_model().objects.get_or_create(username="bench-live-host", defaults={"email": "host@bench.vn"})
    partner.users.add(host)
    session, _ = LiveSession.objects.get_or_create(
        partner=partner,
        title="Đo tải phát trực tiếp",
        defaults={"scheduled_start": timezone.now(), "stream_url": "https://example.vn/live.m3u8"},
    )
    session.status = LiveSession.Status.LIVE
    session.started_at = timezone.now()
    session.save()
    session.messages.all().delete()
    store = SessionStore()
    store[SESSION_KEY] = str(host.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    store[HASH_SESSION_KEY] = host.get_session_auth_hash()
    store.create()
    return session.pk, store.session_key


class Server:
    def __init__(self, app):
        self.port = free_port()
        self.log = tempfile.NamedTemporaryFile(prefix="live-bench-", suffix=".log", delete=False)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(self.port), app],
            cwd=ROOT,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        for _ in range(150):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=1)
                return
            except urllib.error.HTTPError:
                return  # the baseline app answers 404 over HTTP: it is up
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"daphne did not start ({app}); see {self.log.name}")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


async def run_round(port, path, host_cookie, viewers, seconds, rate, make_message, parse_seq, wait_for_state):
    import aiohttp

    url = f"ws://127.0.0.1:{port}{path}"
    origin = f"http://127.0.0.1:{port}"
    sent_at = {}
    received = [dict() for _ in range(viewers)]
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as http:

        joined = [None] * viewers

        async def viewer(index, ready):
            await asyncio.sleep(index / viewers)  # the crowd opens its sockets within one second
            opened = time.perf_counter()
            async with http.ws_connect(url, origin=origin, heartbeat=None, max_msg_size=0) as ws:
                if not wait_for_state:
                    joined[index] = time.perf_counter() - opened
                    ready.set_result(True)
                async for message in ws:
                    if message.type != aiohttp.WSMsgType.TEXT:
                        break
                    now = time.perf_counter()
                    if not ready.done():  # the live consumer's join snapshot: this viewer is in
                        joined[index] = now - opened
                        ready.set_result(True)
                        continue
                    seq = parse_seq(message.data)
                    if seq is not None and seq not in received[index]:
                        received[index][seq] = now

        tasks, connect_started, batch = [], time.perf_counter(), []
        for index in range(viewers):  # all at once (join storm), spread over one second
            ready = asyncio.get_running_loop().create_future()
            tasks.append(asyncio.create_task(viewer(index, ready)))
            batch.append(ready)
        done, _pending = await asyncio.wait(batch, timeout=120)
        connect_seconds = time.perf_counter() - connect_started
        join_times = sorted(t for t in joined if t is not None)
        await asyncio.sleep(1.5)  # let viewer-count updates settle

        headers = {"Cookie": f"sessionid={host_cookie}"} if host_cookie else {}
        async with http.ws_connect(url, origin=origin, headers=headers, max_msg_size=0) as host:
            total = int(seconds * rate)
            started = time.perf_counter()
            for seq in range(total):
                target = started + seq / rate
                delay = target - time.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
                sent_at[seq] = time.perf_counter()
                await host.send_str(make_message(seq))
            # Drain: stop once everything arrived, or nothing arrived for 5 s (then it is lost).
            last_count, last_progress = -1, time.perf_counter()
            while time.perf_counter() - last_progress < 5:
                count = sum(len(r) for r in received)
                if count >= total * viewers:
                    break
                if count != last_count:
                    last_count, last_progress = count, time.perf_counter()
                await asyncio.sleep(0.2)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    latencies = [at - sent_at[seq] for r in received for seq, at in r.items() if seq in sent_at]
    delivered = len(latencies)
    expected = viewers * len(sent_at)
    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000 if latencies else float("nan")

    return {
        "delivered": delivered,
        "expected": expected,
        "lost": expected - delivered,
        "p50": pct(0.50),
        "p99": pct(0.99),
        "mean": statistics.fmean(latencies) * 1000 if latencies else float("nan"),
        "connect_s": connect_seconds,
        "joined": len(join_times),
        "join_p50": join_times[len(join_times) // 2] * 1000 if join_times else float("nan"),
        "join_p99": join_times[min(len(join_times) - 1, int(0.99 * len(join_times)))] * 1000 if join_times else float("nan"),
    }


def main():
    import json

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="50 viewers for 5 s")
    parser.add_argument("--viewers", type=int, nargs="+", default=[100, 500, 1000])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--rate", type=float, default=10, help="host events per second")
    args = parser.parse_args()
    if args.smoke:
        args.viewers, args.seconds = [50], 5

    session_id, host_cookie = setup_data()
    layer = "Redis (" + os.environ["REDIS_URL"] + ")" if os.environ.get("REDIS_URL") else "in-memory"
    print(f"live fan-out: {args.rate:g} events/s for {args.seconds:g} s; channel layer {layer}; one daphne process each")

    def live_message(seq):
        return json.dumps({"type": "chat", "body": f"#{seq}"})

    def live_seq(data):
        frame = json.loads(data)
        if frame.get("type") == "chat" and frame.get("body", "").startswith("#"):
            return int(frame["body"][1:])
        return None

    def base_message(seq):
        return json.dumps({"seq": seq})

    def base_seq(data):
        return json.loads(data).get("seq")

    failures = []
    for viewers in args.viewers:
        rows = {}
        for name, app, path, cookie, make, parse in (
            ("baseline", "benchmarks.live_baseline_asgi:application", "/ws/bench/", None, base_message, base_seq),
            ("live", "marketplace.asgi:application", f"/ws/live/{session_id}/", host_cookie, live_message, live_seq),
        ):
            server = Server(app)
            try:
                rows[name] = asyncio.run(
                    run_round(server.port, path, cookie, viewers, args.seconds, args.rate, make, parse, cookie is not None)
                )
            finally:
                server.stop()
            r = rows[name]
            print(
                f"N={viewers:5d} {name:8s} delivered {r['delivered']}/{r['expected']} "
                f"({100 * r['delivered'] / max(1, r['expected']):.2f} %), lost {r['lost']}, "
                f"p50 {r['p50']:.1f} ms, p99 {r['p99']:.1f} ms, connect {r['connect_s']:.1f} s"
            )
        live = rows["live"]
        print(
            f"N={viewers:5d} join storm (sockets opened within 1 s): {live['joined']}/{viewers} connected with their "
            f"first state frame, p50 {live['join_p50']:.0f} ms, p99 {live['join_p99']:.0f} ms (target: all, p99 ≤ 3000 ms)"
        )
        if live["joined"] < viewers or live["join_p99"] > 3000:
            failures.append(f"join storm at {viewers}")
        ratio = rows["live"]["p99"] / rows["baseline"]["p99"] if rows["baseline"]["p99"] else float("nan")
        print(f"N={viewers:5d} live/baseline p99 ratio {ratio:.2f} (target ≤ 2.00); lost {rows['live']['lost']} (target 0)")
        if rows["live"]["lost"]:
            failures.append(f"messages lost at {viewers}")
    if failures:
        print(f"failed: {failures}")
        sys.exit(1)


if __name__ == "__main__":
    main()
