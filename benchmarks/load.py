"""Load run: a realistic mix against the production-like stack, bounded in time, loopback only.

Sets up its own PostgreSQL database (default `ocop_load`: migrate + `load_demo`, or a clone of
`--template-db`), uses Redis db 9 (flushed first), starts `--workers` daphne processes with the
production settings module (`benchmarks/settings_load.py`) on loopback ports, and runs for
`--duration` seconds:

  * `--users` shoppers in a closed loop with think time, each a new visitor (own cookies) per
    journey, requests spread round-robin over the daphne processes (no proxy):
    browse (home, catalogue and categories, portal pages) 35 %, search (+ suggestions) 25 %,
    product page 20 %, add to basket 8 %, guest COD checkout to the thank-you page 12 %;
  * a live session with `--viewers` websocket viewers (also round-robin), of whom `--chatters`
    are logged in (server-side sessions) and chat every `--chat-interval` s (default 50 every 30 s,
    ≈ 1.7 messages/s, 830 frames/s to 500 viewers; the rate limit is 5 messages / 10 s); every chat
    frame must reach every viewer.

Prints per page type: count, throughput, p50/p95/p99 latency, errors; the chat delivery; the
orders confirmed vs found in the database; the load average. Exits 1 on any error.

    .venv/bin/python benchmarks/load.py --smoke            # CI: 20 s, 30 viewers, 2 workers
    .venv/bin/python benchmarks/load.py                    # 120 s, 500 viewers, 3 workers
"""
import argparse
import asyncio
import itertools
import json
import os
import random
import re
import sys
import time
import uuid
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import stack  # noqa: E402

SEARCHES = [
    "mien dong", "miến dong", "mat ong", "mật ong", "tra shan tuyet", "trà", "gao nep", "ruou", "rượu men lá",
    "banh troi cho don", "hong khong hat", "ba be", "tinh dau", "mien", "dong trung", "mien dogn",
]
PORTAL = ["/shops/", "/ocop/", "/news/", "/sales-points/", "/gift-baskets/", "/live/", "/events/"]
ORDER_NUMBER = re.compile(r"<h1[^>]*>.*?(\d{6,}).*?</h1>", re.S)


class JourneyError(Exception):
    pass


class Stats:
    def __init__(self):
        self.latencies = defaultdict(list)
        self.errors = defaultdict(int)
        self.samples = defaultdict(list)
        self.retries = []  # requests retried on another process (not errors: what nginx does)

    def record(self, kind, seconds, ok=True, note=""):
        self.latencies[kind].append(seconds)
        if not ok:
            self.errors[kind] += 1
            if len(self.samples[kind]) < 5:
                self.samples[kind].append(note)

    def error(self, kind, note):
        self.errors[kind] += 1
        if len(self.samples[kind]) < 5:
            self.samples[kind].append(note)

    def total_errors(self):
        return sum(self.errors.values())

    def table(self, elapsed):
        def pct(values, p):
            return values[min(len(values) - 1, int(p * len(values)))] * 1000 if values else float("nan")

        lines = [f"{'page type':<16}{'count':>8}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}"]
        kinds = sorted(set(self.latencies) | set(self.errors))
        for kind in kinds:
            values = sorted(self.latencies[kind])
            lines.append(
                f"{kind:<16}{len(values):>8}{len(values) / elapsed:>9.2f}{pct(values, .5):>9.0f}"
                f"{pct(values, .95):>9.0f}{pct(values, .99):>9.0f}{self.errors[kind]:>8}"
            )
        http = [k for k in kinds if not k.startswith(("ws_", "chat"))]
        count = sum(len(self.latencies[k]) for k in http)
        lines.append(f"{'HTTP total':<16}{count:>8}{count / elapsed:>9.2f}")
        for kind in kinds:
            for note in self.samples[kind]:
                lines.append(f"  error {kind}: {note}")
        return "\n".join(lines)


class Site:
    """The daphne processes behind a round-robin (what nginx's upstream would do)."""

    def __init__(self, ports, data, stats):
        self.ports = list(ports)
        self._next = itertools.cycle(self.ports)
        self.data = data
        self.stats = stats
        self.orders = []  # numbers shown on thank-you pages
        self.connector = None

    def pick(self):
        return next(self._next)

    def origins(self):
        return [f"http://127.0.0.1:{port}" for port in self.ports]


class Visitor:
    """One browser: its own cookie jar; every request goes to the next daphne process."""

    def __init__(self, site, retries=0):
        import aiohttp

        self.site = site
        self.retries = retries  # the daphne-kill fault: a dead process's request is retried on another
        jar = aiohttp.CookieJar(unsafe=True, treat_as_secure_origin=site.origins())
        self.http = aiohttp.ClientSession(
            connector=site.connector, connector_owner=False, cookie_jar=jar,
            timeout=aiohttp.ClientTimeout(total=30),
        )

    async def close(self):
        await self.http.close()

    def csrf(self):
        for cookie in self.http.cookie_jar:
            if cookie.key == "csrftoken":
                return cookie.value
        raise JourneyError("no csrftoken cookie")

    async def request(self, kind, method, path, data=None, expect=(200,), location=None):
        import aiohttp

        attempt = 0
        while True:
            port = self.site.pick()
            headers = {
                "X-Forwarded-Proto": "https",  # as nginx sets it: the production settings trust it
                "X-Forwarded-For": "127.0.0.1",
                "Accept-Language": "vi",
                "User-Agent": "ocop-load/1.0",
            }
            if method == "POST":
                headers["Origin"] = f"https://127.0.0.1:{port}"
            started = time.perf_counter()
            try:
                async with self.http.request(
                    method, f"http://127.0.0.1:{port}{path}", data=data, headers=headers, allow_redirects=False
                ) as response:
                    body = await response.text()
                    status, where = response.status, response.headers.get("Location", "")
            except (aiohttp.ClientConnectionError, ConnectionError) as error:
                # Refused connections were never sent: safe to send elsewhere; a POST cut after it
                # was sent may have been processed, so (like nginx) it is not sent again.
                safe = isinstance(error, aiohttp.ClientConnectorError) or method == "GET"
                if attempt < self.retries and safe:
                    attempt += 1
                    self.site.stats.retries.append(f"{method} {path} on :{port}: {type(error).__name__}")
                    continue
                self.site.stats.record(kind, time.perf_counter() - started, False, f"{method} {path}: {error!r}")
                raise JourneyError(str(error)) from error
            except asyncio.TimeoutError as error:
                self.site.stats.record(kind, time.perf_counter() - started, False, f"{method} {path}: timeout")
                raise JourneyError("timeout") from error
            elapsed = time.perf_counter() - started
            ok = status in expect and (location is None or location in where)
            self.site.stats.record(kind, elapsed, ok, f"{method} {path} → {status} {where}")
            if not ok:
                raise JourneyError(f"{method} {path} → {status} {where}")
            return body, where

    # --- journeys ---------------------------------------------------------------------------

    async def browse(self):
        choice = random.random()
        if choice < 0.3:
            await self.request("home", "GET", "/")
        elif choice < 0.7:
            path = random.choice(["/catalogue/", "/catalogue/?page=2"] + self.site.data["categories"])
            await self.request("catalogue", "GET", path)
        else:
            await self.request("portal", "GET", random.choice(PORTAL))

    async def search(self):
        words = random.choice(SEARCHES)
        if random.random() < 0.4:
            await self.request("suggest", "GET", "/search/suggest/?q=" + words[:4])
        await self.request("search", "GET", "/search/?q=" + words)

    async def product(self):
        product = random.choice(self.site.data["products"])
        await self.request("product", "GET", product["url"])
        return product

    async def add_to_basket(self):
        product = await self.product()
        await self.request(
            "basket_add", "POST", f"/basket/add/{product['id']}/",
            data={"csrfmiddlewaretoken": self.csrf(), "quantity": "1"}, expect=(302,),
        )
        await self.request("basket", "GET", "/basket/")

    async def checkout(self):
        """Guest COD checkout; returns the order number shown on the thank-you page."""
        await self.add_to_basket()
        data = self.site.data
        await self.request("checkout_step", "GET", "/checkout/")
        await self.request(
            "checkout_step", "POST", "/checkout/",
            data={"csrfmiddlewaretoken": self.csrf(), "username": f"khach-{uuid.uuid4().hex[:10]}@load.example.vn",
                  "options": "anonymous"},
            expect=(302,), location="/checkout/shipping-address/",
        )
        await self.request("checkout_step", "GET", "/checkout/shipping-address/")
        _body, where = await self.request(
            "checkout_step", "POST", "/checkout/shipping-address/",
            data={"csrfmiddlewaretoken": self.csrf(), "first_name": "Hoàng Văn Nam", "phone_number": "0912345678",
                  "province": data["province"], "ward": data["ward"], "line1": "Số 5, tổ 7", "notes": ""},
            expect=(302,),
        )
        while "/checkout/payment-method/" not in where:  # the shipping step chooses itself
            _body, where = await self.request("checkout_step", "GET", where, expect=(302,))
        await self.request("checkout_step", "GET", "/checkout/payment-method/")
        await self.request(
            "checkout_step", "POST", "/checkout/payment-method/",
            data={"csrfmiddlewaretoken": self.csrf(), "method": "cod"}, expect=(302,), location="/checkout/preview/",
        )
        await self.request("checkout_step", "GET", "/checkout/preview/")
        await self.request(
            "place_order", "POST", "/checkout/preview/",
            data={"csrfmiddlewaretoken": self.csrf(), "action": "place_order"},
            expect=(302,), location="/checkout/thank-you/",
        )
        body, _where = await self.request("thank_you", "GET", "/checkout/thank-you/")
        match = ORDER_NUMBER.search(body)
        if not match:
            self.site.stats.error("thank_you", "no order number on the thank-you page")
            raise JourneyError("no order number")
        self.site.orders.append(match.group(1))
        return match.group(1)


JOURNEYS = [("browse", 35), ("search", 25), ("product", 20), ("add_to_basket", 8), ("checkout", 12)]


async def shopper(site, stop, think):
    names, weights = zip(*JOURNEYS)
    while not stop.is_set():
        journey = random.choices(names, weights)[0]
        visitor = Visitor(site)
        try:
            await getattr(visitor, journey)()
        except JourneyError:
            pass  # already counted
        finally:
            await visitor.close()
        try:
            await asyncio.wait_for(stop.wait(), timeout=random.uniform(*think))
        except asyncio.TimeoutError:
            pass


class Live:
    """Viewers of one session; chatters post frames tagged `load:<id>`; each viewer notes which
    tagged frames arrived and when (one clock), so delivery and fan-out latency are measured."""

    def __init__(self, site, session_id, chat_cookies, interval):
        self.site = site
        self.session_id = session_id
        self.chat_cookies = chat_cookies
        self.interval = interval
        self.sent = {}  # tag → send time
        self.received = []  # per viewer: tag → time
        self.connected = []  # per viewer: (connected at, dropped?)
        self.steady_from = None
        self.chatting = asyncio.Event()

    async def viewer(self, index, ready, stop):
        import aiohttp

        stats = self.site.stats
        port = self.site.ports[index % len(self.site.ports)]
        cookie = self.chat_cookies[index] if index < len(self.chat_cookies) else None
        headers = {"X-Forwarded-Proto": "https", "Cookie": f"{self.site.data['session_cookie']}={cookie}"} if cookie else {}
        got = self.received[index]
        started = time.perf_counter()
        try:
            async with self.site.connector_session.ws_connect(
                f"ws://127.0.0.1:{port}/ws/live/{self.session_id}/", origin=f"https://127.0.0.1:{port}",
                headers=headers, heartbeat=None, max_msg_size=0, timeout=aiohttp.ClientWSTimeout(ws_receive=None),
            ) as ws:
                first = await asyncio.wait_for(ws.receive(), timeout=30)
                if first.type != aiohttp.WSMsgType.TEXT or json.loads(first.data).get("type") != "state":
                    raise JourneyError(f"no state frame: {first.type}")
                stats.record("ws_connect", time.perf_counter() - started)
                ready.set_result(True)
                sender = asyncio.create_task(self.chat(ws, stop)) if cookie else None
                try:
                    async for message in ws:
                        if message.type != aiohttp.WSMsgType.TEXT:
                            break
                        now = time.perf_counter()
                        frame = json.loads(message.data)
                        kind = frame.get("type")
                        if kind == "chat" and frame.get("body", "").startswith("load:"):
                            tag = frame["body"]
                            got.setdefault(tag, now)
                        elif kind == "error":
                            stats.error("chat", f"error frame {frame.get('code')}: {frame.get('message')}")
                finally:
                    if sender:
                        sender.cancel()
                if not stop.is_set():
                    stats.error("ws_connect", f"viewer {index} dropped by the server on :{port}")
        except (aiohttp.ClientError, asyncio.TimeoutError, JourneyError, ConnectionError) as error:
            stats.record("ws_connect", time.perf_counter() - started, False, f"viewer {index} on :{port}: {error!r}")
            if not ready.done():
                ready.set_result(False)

    async def chat(self, ws, stop):
        await self.chatting.wait()
        await asyncio.sleep(random.uniform(0, self.interval))
        while not stop.is_set():
            tag = f"load:{uuid.uuid4().hex[:12]}"
            self.sent[tag] = time.perf_counter()
            await ws.send_str(json.dumps({"type": "chat", "body": tag}))
            try:
                await asyncio.wait_for(stop.wait(), timeout=self.interval * random.uniform(0.9, 1.1))
            except asyncio.TimeoutError:
                pass

    def report(self):
        """Every tagged frame sent in the steady phase must reach every viewer."""
        stats = self.site.stats
        expected = delivered = 0
        for tag, at in self.sent.items():
            for got in self.received:
                expected += 1
                if tag in got:
                    delivered += 1
                    stats.latencies["chat_delivery"].append(got[tag] - at)
        lost = expected - delivered
        if lost:
            stats.error("chat_delivery", f"{lost} of {expected} chat frames did not reach their viewers")
        return expected, delivered


async def run(args, ports, data):
    import aiohttp

    stats = Stats()
    site = Site(ports, data, stats)
    site.connector = aiohttp.TCPConnector(limit=0, force_close=False)
    site.connector_session = aiohttp.ClientSession(connector=site.connector, connector_owner=False,
                                                   cookie_jar=aiohttp.DummyCookieJar())
    live = Live(site, data["session_id"], data["chat_sessions"], args.chat_interval)
    live.received = [dict() for _ in range(args.viewers)]
    stop = asyncio.Event()
    try:
        # The crowd arrives first, in batches (each viewer loads the page, then opens the socket).
        connect_started = time.perf_counter()
        viewers = []
        for start in range(0, args.viewers, 50):
            batch = []
            for index in range(start, min(args.viewers, start + 50)):
                ready = asyncio.get_running_loop().create_future()
                viewers.append(asyncio.create_task(live.viewer(index, ready, stop)))
                batch.append(ready)
            page = Visitor(site)
            try:
                await page.request("live_page", "GET", f"/live/{data['session_id']}/")
            except JourneyError:
                pass
            finally:
                await page.close()
            await asyncio.wait_for(asyncio.gather(*batch), timeout=120)
        print(f"{args.viewers} viewers connected in {time.perf_counter() - connect_started:.1f} s", flush=True)
        await asyncio.sleep(1.0)  # viewer-count updates settle

        live.chatting.set()
        started = time.perf_counter()
        shoppers = [asyncio.create_task(shopper(site, stop, (args.think_min, args.think_max))) for _ in range(args.users)]
        await asyncio.sleep(args.duration)
        stop.set()
        elapsed = time.perf_counter() - started
        done, pending = await asyncio.wait(shoppers, timeout=35)  # journeys in flight finish
        for task in pending:
            task.cancel()
        # Drain: the last chat frames reach the viewers; stop once all arrived or nothing
        # arrived for 5 s (then they are lost: e.g. expired in the channel layer after 10 s).
        last, progress_at, drain_until = -1, time.perf_counter(), time.perf_counter() + 60
        while time.perf_counter() - progress_at < 5 and time.perf_counter() < drain_until:
            count = sum(len(got) for got in live.received)
            if count >= len(live.sent) * args.viewers:
                break
            if count != last:
                last, progress_at = count, time.perf_counter()
            await asyncio.sleep(0.25)
        for task in viewers:
            task.cancel()
        await asyncio.gather(*viewers, return_exceptions=True)
        expected, delivered = live.report()
    finally:
        await site.connector_session.close()
        await site.connector.close()
    return stats, elapsed, site.orders, (len(live.sent), expected, delivered)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="CI size: 20 s, 30 viewers (10 chatting), 6 users, 2 workers")
    parser.add_argument("--duration", type=float, default=120)
    parser.add_argument("--viewers", type=int, default=500)
    parser.add_argument("--chatters", type=int, default=50)
    parser.add_argument("--chat-interval", type=float, default=30.0, help="seconds between one chatter's messages")
    parser.add_argument("--users", type=int, default=30, help="concurrent shoppers (closed loop)")
    parser.add_argument("--think-min", type=float, default=0.5)
    parser.add_argument("--think-max", type=float, default=2.0)
    parser.add_argument("--workers", type=int, default=3, help="daphne processes")
    parser.add_argument("--database", default="ocop_load")
    parser.add_argument("--template-db", default=None, help="clone this migrated database instead of migrating")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/9")
    args = parser.parse_args()
    if args.smoke:
        args.duration, args.viewers, args.chatters, args.chat_interval, args.users, args.workers = 20, 30, 10, 5, 6, 2
    args.chatters = min(args.chatters, args.viewers)

    import redis

    redis.Redis.from_url(args.redis_url).flushdb()
    env = stack.stack_env(args.database, args.redis_url)
    stack.prepare_database(args.database, template=args.template_db, env=env)
    data = stack.seed(env, chatters=args.chatters)
    load_before = os.getloadavg()
    daphnes = [stack.start_daphne(env, name="daphne") for _ in range(args.workers)]
    try:
        print(
            f"load run: {args.duration:g} s, {args.users} shoppers, {args.viewers} live viewers "
            f"({args.chatters} chatting every {args.chat_interval:g} s), {args.workers} daphne processes "
            f"(ports {', '.join(str(d.port) for d in daphnes)}), PostgreSQL {args.database}, Redis {args.redis_url}, "
            f"settings {stack.SETTINGS}; {len(data['products'])} products; {os.cpu_count()} CPUs; "
            f"load average before {load_before[0]:.2f}",
            flush=True,
        )
        stats, elapsed, orders, (sent, expected, delivered) = asyncio.run(run(args, [d.port for d in daphnes], data))
        for daphne in daphnes:
            if not daphne.alive():
                stats.error("server", f"{daphne.name} exited:\n{daphne.tail()}")
    finally:
        stack.stop_all()
    load_after = os.getloadavg()
    client_cpu = sum(os.times()[:2])

    found = stack.query(env, "SELECT number FROM order_order")
    numbers = {row[0] for row in found}
    missing = [n for n in orders if n not in numbers]
    if missing or len(set(orders)) != len(orders):
        stats.error("orders", f"confirmed {len(orders)}, missing in the database {missing[:5]}, duplicates {len(orders) - len(set(orders))}")

    print(stats.table(elapsed))
    print(f"chat: {sent} messages sent, frames delivered {delivered}/{expected} to {args.viewers} viewers")
    print(f"orders: {len(orders)} COD orders confirmed, all {len(orders) - len(missing)} found in the database")
    print(f"load average (1 min) before {load_before[0]:.2f}, after {load_after[0]:.2f} ({os.cpu_count()} CPUs); "
          f"this client used {client_cpu:.0f} s of CPU")
    errors = stats.total_errors()
    print(f"errors: {errors}")
    if errors:
        for name, path in stack.LOGS:
            print(f"  log of {name}: {path}")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
