"""Fault runs against the production-like stack (loopback only; each prints what it checked and
exits 1 when a check fails).

  redis    Redis restarted mid-session (a redis-server of the run's own, never the shared one):
           viewers reconnect as static/livestream/live.js does (1 s, doubling to 15 s), chat
           reaches every viewer again, and a late joiner's history has every message (PostgreSQL).
  search   Elasticsearch (the noida-db emulator) indexed, then killed: /search/ still answers
           200 with the same products, from the database; /healthz says "degraded", not 503.
  daphne   two daphne processes, guest COD checkouts running, one process killed (SIGKILL):
           requests that could not reach it go to the other (as nginx does), every order the
           client was shown exists in the database, no basket became two orders.
  webhook  a Stripe `payment_intent.succeeded` delivered 3 times in a row, 3 times at once, and
           as 3 different events at once: one payment recorded each time.
  worker   a producer with F followers goes live; the Celery worker is killed (SIGKILL, the whole
           process group) mid-batch, then started again: every follower gets exactly one e-mail
           (a local SMTP sink counts them) and every outbox row ends "sent".
  broker   the same fan-out while Redis (a redis-server of the run's own, no persistence) is
           killed and restarted empty mid-drain: the lost messages are re-queued from the outbox
           by beat (stale_requeue) and every follower still gets exactly one e-mail.

    .venv/bin/python benchmarks/faults.py all [--template-db ocop_load_tpl]
    .venv/bin/python benchmarks/faults.py redis
"""
import argparse
import asyncio
import hashlib
import hmac
import json
import os
import signal
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import stack  # noqa: E402
from load import JourneyError, Site, Stats, Visitor  # noqa: E402

FAILURES = []


def check(ok, what):
    print(f"  [{'ok' if ok else 'FAIL'}] {what}", flush=True)
    if not ok:
        FAILURES.append(what)
    return ok


# --- Redis restarted mid-session -----------------------------------------------------------------


class ReconnectingViewer:
    """A viewer that behaves like the page's LiveSocket: on close it reconnects after 1 s, then
    2, 4 … 15 s; frames to send wait in a queue until the socket is open."""

    def __init__(self, http, url, origin, cookie=None):
        self.http, self.url, self.origin = http, url, origin
        self.headers = {"Cookie": cookie} if cookie else {}
        self.chats = {}  # body → first arrival
        self.history = []  # chat bodies of the last state frame
        self.connects = 0
        self.closes = 0
        self.ws = None
        self.open = asyncio.Event()
        self.stopping = False

    async def run(self):
        import aiohttp

        delay = 1.0
        while not self.stopping:
            try:
                async with self.http.ws_connect(self.url, origin=self.origin, headers=self.headers, heartbeat=None) as ws:
                    self.ws = ws
                    self.connects += 1
                    delay = 1.0
                    self.open.set()
                    async for message in ws:
                        if message.type != aiohttp.WSMsgType.TEXT:
                            break
                        frame = json.loads(message.data)
                        if frame.get("type") == "state":
                            # The page renders the history of every state frame (deduplicated):
                            # what was said while it was reconnecting shows up there.
                            self.history = [c["body"] for c in frame.get("chat", [])]
                            for body in self.history:
                                self.chats.setdefault(body, time.perf_counter())
                        elif frame.get("type") == "chat":
                            self.chats.setdefault(frame["body"], time.perf_counter())
            except (aiohttp.ClientError, ConnectionError, asyncio.TimeoutError):
                pass
            self.open.clear()
            self.ws = None
            if self.stopping:
                return
            self.closes += 1
            await asyncio.sleep(delay)
            delay = min(delay * 2, 15)

    async def send(self, frame):
        while True:
            await self.open.wait()
            try:
                await self.ws.send_str(json.dumps(frame))
                return
            except (ConnectionError, AttributeError, RuntimeError):
                await asyncio.sleep(0.2)


async def wait_until(predicate, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        await asyncio.sleep(0.2)
    return predicate()


def fault_redis(args):
    print("== Redis restarted mid-session", flush=True)
    port = args.redis_port if stack_port_free(args.redis_port) else stack.free_port()
    redis_proc = stack.start_redis(port)
    env = stack.stack_env(args.database, f"redis://127.0.0.1:{port}/0")
    data = stack.seed(env, chatters=2)
    daphnes = [stack.start_daphne(env) for _ in range(2)]
    cookie_name = data["session_cookie"]

    async def scenario():
        import aiohttp

        async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as http:
            def viewer(i, cookie=None):
                d = daphnes[i % 2]
                return ReconnectingViewer(http, f"ws://127.0.0.1:{d.port}/ws/live/{data['session_id']}/",
                                          d.url, f"{cookie_name}={cookie}" if cookie else None)

            chatters = [viewer(i, key) for i, key in enumerate(data["chat_sessions"])]
            viewers = chatters + [viewer(i) for i in range(2, args.fault_viewers)]
            tasks = [asyncio.create_task(v.run()) for v in viewers]
            await wait_until(lambda: all(v.open.is_set() for v in viewers), 30)
            check(all(v.connects == 1 for v in viewers), f"{len(viewers)} viewers connected over 2 daphne processes")

            tag = uuid.uuid4().hex[:6]
            before = [f"truoc-{tag}-{c}-{n}" for c in range(2) for n in range(3)]
            for body in before:
                await chatters[int(body.split("-")[2])].send({"type": "chat", "body": body})
            check(await wait_until(lambda: all(all(b in v.chats for b in before) for v in viewers), 20),
                  f"{len(before)} messages before the restart reached all {len(viewers)} viewers")

            redis_proc.kill(signal.SIGKILL)
            print(f"  redis-server :{port} killed (SIGKILL)", flush=True)
            health = await get_status(http, daphnes[0].url + "/healthz")
            check(health == 503, f"/healthz while Redis is down: {health} (503 expected: the channel layer is critical)")
            await asyncio.sleep(2)
            new_redis = stack.start_redis(port)
            print(f"  redis-server :{port} started again (empty)", flush=True)
            del new_redis
            restarted = time.perf_counter()

            after = [f"sau-{tag}-{c}-{n}" for c in range(2) for n in range(2)]

            # A viewer whose socket stays open but whose group membership died with Redis would
            # never get these: the page must reconnect (or never lose) its subscription.
            await asyncio.sleep(1)
            for body in after:
                await chatters[int(body.split("-")[2])].send({"type": "chat", "body": body})
            delivered = await wait_until(lambda: all(all(b in v.chats for b in after) for v in viewers), 45)
            took = time.perf_counter() - restarted
            reconnected = sum(1 for v in viewers if v.connects > 1)
            check(delivered, f"{len(after)} messages after the restart reached all {len(viewers)} viewers, live or in "
                             "the history sent on reconnection "
                             f"({reconnected} reconnected automatically; {took:.1f} s after the restart)")
            if not delivered:
                missing = sum(1 for v in viewers for b in after if b not in v.chats)
                print(f"    {missing} frames missing; viewers still on their first socket: "
                      f"{sum(1 for v in viewers if v.connects == 1)}", flush=True)
            health = await get_status(http, daphnes[1].url + "/healthz")
            check(health == 200, f"/healthz after the restart: {health}")

            late = viewer(1)
            late_task = asyncio.create_task(late.run())
            await wait_until(lambda: late.history, 20)
            check(all(b in late.history for b in before + after),
                  f"a late joiner's history (from PostgreSQL) has all {len(before + after)} messages")
            rows = stack.query(env, f"SELECT count(*) FROM livestream_chatmessage WHERE body LIKE '%-{tag}-%'")[0][0]
            check(rows == len(before) + len(after), f"chat rows in PostgreSQL: {rows}")
            for v in viewers + [late]:
                v.stopping = True
                if v.ws is not None:
                    await v.ws.close()
            for task in tasks + [late_task]:
                task.cancel()
            await asyncio.gather(*tasks, late_task, return_exceptions=True)

    try:
        asyncio.run(scenario())
    finally:
        for d in daphnes:
            d.stop()
        stack.stop_all()


def stack_port_free(port):
    import socket

    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


async def get_status(http, url):
    try:
        async with http.get(url, headers={"X-Forwarded-Proto": "https"}) as response:
            await response.read()
            return response.status
    except Exception as error:  # noqa: BLE001 - reported as the status
        return repr(error)


# --- Elasticsearch down ----------------------------------------------------------------------------


def fault_search(args):
    print("== Elasticsearch down", flush=True)
    port = stack.free_port()
    es = stack.Proc(
        "elasticsearch",
        [str(Path(sys.executable).with_name("noida-db")), "start", "--only", "elasticsearch",
         "--elasticsearch-port", str(port), "--data-dir", tempfile.mkdtemp(prefix="ocop-es-")],
    )
    stack.wait_http(f"http://127.0.0.1:{port}", seconds=60, proc=es)
    env = stack.stack_env(args.database, args.redis_url, ELASTICSEARCH_URL=f"http://127.0.0.1:{port}",
                          ELASTICSEARCH_INDEX=f"ocop-fault-{uuid.uuid4().hex[:6]}")
    stack.seed(env)
    stack.manage(env, "search_index", "--rebuild")
    daphne = stack.start_daphne(env)
    queries = {"mien dong": "Miến dong Tài Hoan", "tra nu voi": "Trà nụ vối"}

    def search_all(label):
        import urllib.request

        for query, title in queries.items():
            started = time.perf_counter()
            request = urllib.request.Request(f"{daphne.url}/search/?q={query.replace(' ', '+')}",
                                             headers={"X-Forwarded-Proto": "https"})
            with urllib.request.urlopen(request, timeout=30) as response:
                body = response.read().decode()
                status = response.status
            took = (time.perf_counter() - started) * 1000
            check(status == 200 and title in body, f"{label}: /search/?q={query} → {status}, finds “{title}” ({took:.0f} ms)")

    def health():
        import urllib.error
        import urllib.request

        try:
            with urllib.request.urlopen(urllib.request.Request(daphne.url + "/healthz", headers={"X-Forwarded-Proto": "https"}), timeout=30) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")

    try:
        status, body = health()
        check(status == 200 and body["checks"]["search"].get("backend") == "elasticsearch",
              f"/healthz with Elasticsearch up: {status}, search {body['checks']['search']}")
        search_all("Elasticsearch up")
        es.kill(signal.SIGKILL)
        print(f"  Elasticsearch emulator :{port} killed (SIGKILL)", flush=True)
        search_all("Elasticsearch down")
        status, body = health()
        check(status == 200 and body["status"] == "degraded" and "search" in body["failing"],
              f"/healthz with Elasticsearch down: {status} {body['status']}, failing {body['failing']}")
    finally:
        daphne.stop()
        stack.stop_all()


# --- a daphne process killed during checkouts ---------------------------------------------------------


def fault_daphne(args):
    print("== a daphne process killed during checkouts", flush=True)
    env = stack.stack_env(args.database, args.redis_url)
    data = stack.seed(env)
    daphnes = [stack.start_daphne(env) for _ in range(2)]
    before = {row[0] for row in stack.query(env, "SELECT number FROM order_order")}
    interrupted = []

    async def scenario():
        import aiohttp

        stats = Stats()
        site = Site([d.port for d in daphnes], data, stats)
        # New connection per request: a request refused by a dead process was never sent and is
        # safe to send to the other one (nginx's proxy_next_upstream for errors).
        site.connector = aiohttp.TCPConnector(limit=0, force_close=True)
        stop = asyncio.Event()

        async def buyer():
            while not stop.is_set():
                visitor = Visitor(site, retries=3)
                try:
                    await visitor.checkout()
                except JourneyError as error:
                    interrupted.append(str(error))
                finally:
                    await visitor.close()

        buyers = [asyncio.create_task(buyer()) for _ in range(args.buyers)]
        await asyncio.sleep(args.kill_after)
        await wait_until(lambda: len(site.orders) >= 2, 60)  # orders on both sides of the kill
        victim = daphnes[0]
        victim.kill(signal.SIGKILL)
        print(f"  daphne :{victim.port} killed (SIGKILL) after {args.kill_after:g} s "
              f"({len(site.orders)} orders confirmed so far)", flush=True)
        site.confirmed_before_kill = len(site.orders)
        await asyncio.sleep(args.after_kill)
        stop.set()
        await asyncio.wait(buyers, timeout=60)
        await site.connector.close()
        return site, stats

    try:
        site, stats = asyncio.run(scenario())
    finally:
        for d in daphnes:
            d.stop()
        stack.stop_all()
    rows = stack.query(env, "SELECT number, basket_id FROM order_order")
    numbers = {number for number, _basket in rows} - before
    baskets = [basket for number, basket in rows if number in numbers]
    confirmed = site.orders
    after_kill = len(confirmed) - site.confirmed_before_kill
    check(after_kill > 0, f"{len(confirmed)} orders confirmed to the client ({site.confirmed_before_kill} before the kill, "
                          f"{after_kill} after it, served by the other process)")
    check(len(site.stats.retries) > 0, f"{len(site.stats.retries)} requests refused by the dead process were "
                                       "sent to the other one")
    missing = [n for n in confirmed if n not in numbers]
    check(not missing, f"every confirmed order is in the database (missing: {missing[:5]})")
    check(len(set(confirmed)) == len(confirmed), "no order number was confirmed twice")
    check(len(baskets) == len(set(baskets)), f"no basket became two orders ({len(numbers)} new orders in the database)")
    check(stats.total_errors() == len(interrupted),
          f"journeys cut by the kill (requests in flight on the killed process): {len(interrupted)}; "
          f"orders placed but not shown to the client: {len(numbers) - len(set(confirmed))}")
    for note in interrupted[:3]:
        print(f"    interrupted: {note}")


# --- Stripe webhook delivered 3 times -----------------------------------------------------------------


WEBHOOK_SECRET = "whsec_fault_ocop"


def sign(payload, secret=WEBHOOK_SECRET):
    """Stripe-Signature as Stripe builds it (same as tests/payments/conftest.py: t=…,v1=HMAC-SHA256)."""
    timestamp = int(time.time())
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def fault_webhook(args):
    print("== Stripe webhook delivered 3 times in a row and 3 times at once", flush=True)
    env = stack.stack_env(args.database, args.redis_url, STRIPE_SECRET_KEY="sk_test_fault",
                          STRIPE_PUBLISHABLE_KEY="pk_test_fault", STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET)
    data = stack.seed(env)
    daphnes = [stack.start_daphne(env) for _ in range(2)]

    async def scenario():
        import aiohttp

        stats = Stats()
        site = Site([d.port for d in daphnes], data, stats)
        site.connector = aiohttp.TCPConnector(limit=0)
        numbers = []
        for _ in range(3):  # three COD orders, turned into pending card payments below
            visitor = Visitor(site)
            try:
                numbers.append(await visitor.checkout())
            finally:
                await visitor.close()
        intents = {}
        for number in numbers:
            intent = f"pi_fault_{uuid.uuid4().hex[:16]}"
            stack.query(env, f"UPDATE payments_orderpayment SET method = 'card', status = 'pending', "
                             f"stripe_payment_intent = '{intent}' WHERE order_id = "
                             f"(SELECT id FROM order_order WHERE number = '{number}') RETURNING id")
            amount = stack.query(env, f"SELECT amount FROM payments_orderpayment WHERE stripe_payment_intent = '{intent}'")[0][0]
            intents[number] = (intent, amount)

        async def deliver(http, port, payload):
            async with http.post(f"http://127.0.0.1:{port}/webhooks/stripe/", data=payload,
                                 headers={"Stripe-Signature": sign(payload), "Content-Type": "application/json",
                                          "X-Forwarded-Proto": "https"}) as response:
                return response.status, (await response.json()) if response.status == 200 else await response.text()

        def event(number, event_id):
            intent, amount = intents[number]
            return json.dumps({
                "id": event_id, "object": "event", "type": "payment_intent.succeeded", "created": int(time.time()),
                "livemode": False,
                "data": {"object": {"id": intent, "object": "payment_intent", "amount": amount,
                                    "amount_received": amount, "currency": "vnd", "status": "succeeded"}},
            }).encode()

        ports = [d.port for d in daphnes]
        async with aiohttp.ClientSession(connector=site.connector, connector_owner=False) as http:
            cases = []
            payload = event(numbers[0], f"evt_fault_{uuid.uuid4().hex[:12]}")
            answers = [await deliver(http, ports[i % 2], payload) for i in range(3)]
            cases.append(("the same event 3 times in a row", numbers[0], answers))
            payload = event(numbers[1], f"evt_fault_{uuid.uuid4().hex[:12]}")
            answers = await asyncio.gather(*(deliver(http, ports[i % 2], payload) for i in range(3)))
            cases.append(("the same event 3 times at once", numbers[1], answers))
            payloads = [event(numbers[2], f"evt_fault_{uuid.uuid4().hex[:12]}") for _ in range(3)]
            answers = await asyncio.gather(*(deliver(http, ports[i % 2], p) for i, p in enumerate(payloads)))
            cases.append(("3 different events for one payment at once", numbers[2], answers))
        await site.connector.close()
        return cases

    try:
        cases = asyncio.run(scenario())
    finally:
        for d in daphnes:
            d.stop()
        stack.stop_all()
    for label, number, answers in cases:
        status = stack.query(env, f"SELECT p.status FROM payments_orderpayment p JOIN order_order o ON o.id = p.order_id "
                                  f"WHERE o.number = '{number}'")[0][0]
        recorded = stack.query(env, "SELECT count(*) FROM order_paymentevent e JOIN order_order o ON o.id = e.order_id "
                                    f"WHERE o.number = '{number}'")[0][0]
        outcomes = [a[1].get("outcome", a[1].get("status")) if isinstance(a[1], dict) else a[1] for a in answers]
        check(all(a[0] == 200 for a in answers) and status == "paid" and recorded == 1,
              f"{label}: answers {[a[0] for a in answers]} {outcomes}; order {number} {status}; payments recorded: {recorded}")


# --- background work: a worker killed mid-batch, the broker restarted mid-drain ---------------


def _task_env(args, redis_url, sink, **extra):
    # Short timeouts so the drill takes seconds: a dead worker's message comes back after
    # 5 s (swept every 2 s), a row held by it after its 5 s lease, lost messages are re-queued after 5 s.
    return stack.stack_env(
        args.database, redis_url, LOAD_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1", EMAIL_PORT=sink.port, BACKGROUND_MAIL_BATCH=25, CELERY_VISIBILITY_TIMEOUT=5, CELERY_UNACKED_RESTORE_SECONDS=2,
        BACKGROUND_MAIL_LEASE_SECONDS=5, BACKGROUND_REQUEUE_AFTER_SECONDS=5, BACKGROUND_REQUEUE_EVERY_SECONDS=2,
        BACKGROUND_RETRY_BASE_SECONDS=1, **extra,
    )


def _start_worker(env, name):
    return stack.Proc(name, [stack.PYTHON, "-m", "celery", "-A", "marketplace", "worker", "--loglevel", "info",
                             "--concurrency", "2", "--without-gossip", "--without-mingle"], env=env)


def _start_beat(env):
    schedule = tempfile.mktemp(prefix="ocop-beat-")
    return stack.Proc("beat", [stack.PYTHON, "-m", "celery", "-A", "marketplace", "beat", "--loglevel", "info",
                               "--schedule", schedule], env=env)


def _wait(predicate, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()


def _check_exactly_once(env, sink, live, expected):
    _wait(lambda: sink.total >= expected, 0)
    time.sleep(2)  # anything sent twice would arrive now
    dupes = sink.duplicates()
    rows = dict(stack.query(env, "SELECT status, count(*) FROM background_outboundemail "
                                 f"WHERE key LIKE 'live:{live['session_id']}:%' GROUP BY status"))
    resent = sink.transmissions - sink.total
    check(len(sink.per_recipient) == expected and not dupes,
          f"{len(sink.per_recipient)}/{expected} followers e-mailed, {len(dupes)} got two different e-mails "
          f"({sink.total} e-mails; {resent} re-transmitted with the same Message-ID after the kill: "
          f"taken by the server but not yet marked sent; {sink.others} other e-mails from the cloned outbox not counted)")
    check(rows == {"sent": expected}, f"outbox rows: {rows}")


def fault_worker(args):
    from tasks import go_live, is_bench_follower
    from mail_sink import SmtpSink

    print(f"== a Celery worker killed mid-batch ({args.followers} followers)", flush=True)
    sink = SmtpSink(delay=0.01, counted=is_bench_follower).start()  # ~10 ms per message: the kill lands mid-drain
    env = _task_env(args, args.redis_url, sink)
    worker = _start_worker(env, "worker-a")
    try:
        live = go_live(env, stack.ROOT, args.followers, 0)
        check(live["go_live_ms"] < 200, f"go-live answered in {live['go_live_ms']:.0f} ms")
        _wait(lambda: sink.total >= args.followers // 4, 60)
        worker.kill(signal.SIGKILL)
        at_kill = sink.total
        check(0 < at_kill < args.followers, f"worker killed (SIGKILL) after {at_kill}/{args.followers} e-mails")
        time.sleep(1)
        worker = _start_worker(env, "worker-b")
        restarted = time.monotonic()
        done = _wait(lambda: len(sink.per_recipient) >= args.followers, 90)
        check(done, f"after the restart the drain finished in {time.monotonic() - restarted:.1f} s")
        _check_exactly_once(env, sink, live, args.followers)
    finally:
        worker.stop()
        sink.stop()


def fault_broker(args):
    from tasks import go_live, is_bench_follower
    from mail_sink import SmtpSink

    print(f"== Redis (the broker) restarted mid-drain ({args.followers} followers)", flush=True)
    port = stack.free_port()
    redis_proc = stack.start_redis(port)
    sink = SmtpSink(delay=0.01, counted=is_bench_follower).start()
    env = _task_env(args, f"redis://127.0.0.1:{port}/0", sink)
    worker, beat = _start_worker(env, "worker-broker"), _start_beat(env)
    try:
        live = go_live(env, stack.ROOT, args.followers, 0)
        _wait(lambda: sink.total >= args.followers // 4, 60)
        redis_proc.kill(signal.SIGKILL)
        at_kill = sink.total
        check(0 < at_kill < args.followers,
              f"redis-server killed (SIGKILL) after {at_kill}/{args.followers} e-mails, queued messages lost")
        time.sleep(2)
        redis_proc = stack.start_redis(port)
        restarted = time.monotonic()
        done = _wait(lambda: len(sink.per_recipient) >= args.followers, 120)
        check(done, f"restarted empty; worker and beat reconnected, the outbox re-queued the rest: drain finished "
                    f"{time.monotonic() - restarted:.1f} s after the restart")
        _check_exactly_once(env, sink, live, args.followers)
    finally:
        worker.stop()
        beat.stop()
        sink.stop()


FAULTS = {"redis": fault_redis, "search": fault_search, "daphne": fault_daphne, "webhook": fault_webhook,
          "worker": fault_worker, "broker": fault_broker}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("fault", choices=[*FAULTS, "all"])
    parser.add_argument("--database", default="ocop_fault")
    parser.add_argument("--template-db", default=None, help="clone this migrated database instead of migrating")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/10", help="for the faults that do not restart Redis")
    parser.add_argument("--redis-port", type=int, default=6390, help="the redis-server the redis fault restarts")
    parser.add_argument("--fault-viewers", type=int, default=20)
    parser.add_argument("--buyers", type=int, default=4)
    parser.add_argument("--kill-after", type=float, default=6)
    parser.add_argument("--after-kill", type=float, default=8)
    parser.add_argument("--followers", type=int, default=2000, help="worker/broker faults: followers to e-mail")
    args = parser.parse_args()
    import redis

    redis.Redis.from_url(args.redis_url).flushdb()
    env = stack.stack_env(args.database, args.redis_url)
    stack.prepare_database(args.database, template=args.template_db, env=env)
    started = time.monotonic()
    for name in FAULTS if args.fault == "all" else [args.fault]:
        try:
            FAULTS[name](args)
        except Exception as error:  # noqa: BLE001 - a crash of one fault is its failure
            check(False, f"{name}: {type(error).__name__}: {error}")
    print(f"faults checked in {time.monotonic() - started:.0f} s; failures: {len(FAILURES)}")
    for what in FAILURES:
        print(f"  FAILED: {what}")
    if FAILURES:
        for name, path in stack.LOGS:
            print(f"  log of {name}: {path}")
    sys.exit(1 if FAILURES else 0)


if __name__ == "__main__":
    main()
